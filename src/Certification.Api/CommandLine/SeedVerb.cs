using System.Globalization;
using System.Text.Json;
using Certification.Api.Hosting;
using Certification.Workflows.Features.Demo;

namespace Certification.Api.CommandLine;

/// <summary><c>seed demo [--db PATH] [--enterprises N] [--seed S]</c>: demo data through the product's features; prints one JSON line.</summary>
public sealed class SeedVerb : ICliVerb
{
    public string Name => "seed";
    public string Usage => "seed demo [--db PATH] [--enterprises N] [--seed S]";

    public async Task<int> RunAsync(CliArguments args, CliContext context)
    {
        if (args.Positionals.FirstOrDefault() != "demo") throw new CliException("seed needs what to seed: 'seed demo …'");
        var enterprises = Number(args, "enterprises") ?? 300;
        var seed = Number(args, "seed") ?? 1;
        var db = args.Option("db");
        args.RejectUnknown();
        if (enterprises is < 1 or > 100_000) throw new CliException("--enterprises must be between 1 and 100000");

        var result = await DemoData.SeedAsync(HostConfiguration.Build(db), new DemoSeedOptions(enterprises, seed));
        if (result is null) throw new CliException("the database already has enterprises: demo data goes into an empty database");
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
        {
            enterprises = result.Enterprises,
            certified = result.Certified,
            applications = result.Applications,
            batches = result.Batches,
            experts = result.Experts,
            commands = result.Commands,
            seconds = result.Seconds,
        }));
        return 0;
    }

    private static int? Number(CliArguments args, string name) =>
        args.Option(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw new CliException($"--{name} '{text}' is not a whole number");
}
