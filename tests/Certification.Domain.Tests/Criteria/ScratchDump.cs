using System.Text.Json;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

public class ScratchDump
{
    [Fact]
    public void Dump()
    {
        var cases = JsonDocument.Parse(File.ReadAllText(RepoFiles.CasesFile)).RootElement;
        var sb = new System.Text.StringBuilder();
        var o = new JsonSerializerOptions(CriteriaJson.Options) { WriteIndented = true };
        foreach (var c in cases.EnumerateArray())
        {
            var p = c.GetProperty("profile").Deserialize<EnterpriseProfile>(CriteriaJson.Options)!;
            var r = CriteriaEvaluator.Evaluate(CriteriaCatalog.LoadBuiltIn().Default, c.GetProperty("tier").GetString()!, p, new DateOnly(2026, 6, 30));
            sb.AppendLine(JsonSerializer.Serialize(r, o));
        }
        foreach (var t in new[] { "innovative", "specialized", "little-giant" })
            sb.AppendLine(JsonSerializer.Serialize(CriteriaEvaluator.Evaluate(CriteriaCatalog.LoadBuiltIn().Default, t, new EnterpriseProfile(), new DateOnly(2026, 6, 30)), o));
        File.WriteAllText("/tmp/gen/dump.json", sb.ToString());
    }
}
