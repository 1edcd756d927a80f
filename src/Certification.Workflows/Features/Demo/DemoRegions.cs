using System.Globalization;

namespace Certification.Workflows.Features.Demo;

/// <summary>A county demo enterprises are placed in: its code and the city and district it names.</summary>
public sealed record DemoCounty(string Code, string Place)
{
    /// <summary>The city's short name for enterprise names: "杭州市西湖区" → "杭州", "北京市海淀区" → "北京".</summary>
    public string CityShortName => Place.IndexOf('市') is > 0 and var i ? Place[..i] : Place[..2];
}

/// <summary>One province's cultivation counts (创新型 / 专精特新 / 小巨人) and the counties its demo enterprises are placed in.</summary>
public sealed record DemoProvince(string Code, string Name, int Innovative, int Specialized, int LittleGiant, IReadOnlyList<DemoCounty> Counties);

/// <summary>Reads <c>demo/cultivation-counts.csv</c> (embedded): the proportions demo data follows.</summary>
public static class DemoRegions
{
    private static readonly Lazy<IReadOnlyList<DemoProvince>> Loaded = new(Load);

    public static IReadOnlyList<DemoProvince> All => Loaded.Value;

    private static IReadOnlyList<DemoProvince> Load()
    {
        using var stream = typeof(DemoRegions).Assembly.GetManifestResourceStream("demo.cultivation-counts.csv")
                           ?? throw new InvalidOperationException("demo/cultivation-counts.csv is not embedded");
        using var reader = new StreamReader(stream);
        var provinces = new List<DemoProvince>();
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            if (header) { header = false; continue; }
            var f = line.Split(',');
            var counties = f[5].Split(';').Select(c => c.Split(':')).Select(c => new DemoCounty(c[0], c[1])).ToList();
            provinces.Add(new DemoProvince(f[0], f[1], Int(f[2]), Int(f[3]), Int(f[4]), counties));
        }
        return provinces;

        static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <paramref name="total"/> enterprises shared out in proportion to each province's innovative count (largest
    /// remainder), so the shares follow the real cultivation counts.
    /// </summary>
    public static IReadOnlyList<(DemoProvince Province, int Count)> Allocate(int total)
    {
        var sum = All.Sum(p => (long)p.Innovative);
        var exact = All.Select(p => (Province: p, Share: (decimal)p.Innovative * total / sum)).ToList();
        var counts = exact.Select(e => (e.Province, Count: (int)Math.Floor(e.Share), Remainder: e.Share - Math.Floor(e.Share))).ToList();
        var missing = total - counts.Sum(c => c.Count);
        foreach (var i in Enumerable.Range(0, counts.Count).OrderByDescending(i => counts[i].Remainder).ThenBy(i => i).Take(missing))
            counts[i] = counts[i] with { Count = counts[i].Count + 1 };
        return counts.Select(c => (c.Province, c.Count)).ToList();
    }
}
