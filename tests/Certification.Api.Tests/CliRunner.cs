using Certification.Api.CommandLine;

namespace Certification.Api.Tests;

/// <summary>Runs the operators' command line in process and captures what it prints.</summary>
public static class CliRunner
{
    public static async Task<(int Exit, string Out, string Error)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Cli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
