using System.Globalization;
using System.Text.Json;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Features.Evaluations;
using Certification.Workflows.Mediation;
using MediatR;

namespace Certification.Api.CommandLine;

/// <summary><c>evaluate --tier T --profile FILE [--as-of YYYY-MM-DD] [--criteria VERSION]</c>.</summary>
public sealed class EvaluateVerb : ICliVerb
{
    public string Name => "evaluate";
    public string Usage => "evaluate --tier <innovative|specialized|little-giant> --profile FILE [--as-of YYYY-MM-DD] [--criteria VERSION]";

    public async Task<int> RunAsync(CliArguments args, CliContext context)
    {
        var tier = args.Required("tier");
        var file = args.Required("profile");
        var asOf = ParseDate(args.Option("as-of"));
        var version = args.Option("criteria");
        args.RejectUnknown();

        var (profiles, isArray) = ReadProfiles(file);
        var services = await context.ServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var results = new List<Evaluation>(profiles.Count);
        for (var i = 0; i < profiles.Count; i++)
        {
            try
            {
                results.Add(await mediator.Send(new EvaluateEnterprise(tier, profiles[i], asOf, version)));
            }
            catch (RequestValidationException e)
            {
                var where = isArray ? $"[{i}]" : "";
                throw new RequestValidationException(e.Errors
                    .Select(x => x.Field.StartsWith("profile", StringComparison.Ordinal)
                        ? x with { Field = $"{file}: {where}{x.Field["profile".Length..].TrimStart('.')}" }
                        : x with { Field = $"--{(x.Field == "criteriaVersion" ? "criteria" : x.Field)}" })
                    .ToList());
            }
        }

        var output = CliContext.OutputJson(CriteriaJson.Options);
        var json = isArray ? JsonSerializer.Serialize(results, output) : JsonSerializer.Serialize(results[0], output);
        await context.Out.WriteLineAsync(json);
        return 0;
    }

    private static DateOnly? ParseDate(string? text)
    {
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliException($"--as-of '{text}' is not a date in the form YYYY-MM-DD");
    }

    /// <summary>One profile object or an array of them; a JSON error names the file, line, position and field.</summary>
    private static (List<EnterpriseProfile> Profiles, bool IsArray) ReadProfiles(string file)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file}: cannot read the profile file ({e.Message})");
        }
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            var isArray = reader.Read() && reader.TokenType == JsonTokenType.StartArray;
            if (isArray)
            {
                var list = JsonSerializer.Deserialize<List<EnterpriseProfile?>>(bytes, CriteriaJson.Options) ?? [];
                var nullAt = list.FindIndex(p => p is null);
                if (nullAt >= 0) throw new CliException($"{file}: [{nullAt}] is null, expected a profile object");
                if (list.Count == 0) throw new CliException($"{file}: the array holds no profile");
                return (list.Select(p => p!).ToList(), true);
            }
            var one = JsonSerializer.Deserialize<EnterpriseProfile>(bytes, CriteriaJson.Options)
                      ?? throw new CliException($"{file}: expected a profile object or an array of them, found null");
            return ([one], false);
        }
        catch (JsonException e)
        {
            var field = Http.JsonPaths.ToField(e.Path);
            var position = e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "position unknown";
            throw new CliException($"{file}: {position}: field '{(field.Length == 0 ? "(root)" : field)}': {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
