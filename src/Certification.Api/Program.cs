using Certification.Api.CommandLine;

return await Cli.RunAsync(args);

/// <summary>Entry point; public so that WebApplicationFactory can host it in tests.</summary>
public partial class Program;
