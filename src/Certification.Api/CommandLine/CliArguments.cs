namespace Certification.Api.CommandLine;

/// <summary>
/// Parsed operator command line: positional words, then <c>--name value</c> options and <c>--flag</c> switches.
/// Unknown options are refused by the verb (so a typo is an error, not a silent default).
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Positionals { get; }

    private CliArguments(List<string> positionals) => Positionals = positionals;

    public static CliArguments Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var positionals = new List<string>();
        var parsed = new CliArguments(positionals);
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { positionals.Add(arg); continue; }
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal)) value = list[++i];
            if (!parsed._options.TryAdd(name, value))
                throw new CliException($"option --{name} is given twice");
        }
        return parsed;
    }

    public string? Option(string name)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var value)) return null;
        return value ?? throw new CliException($"option --{name} needs a value");
    }

    public string Required(string name) => Option(name) ?? throw new CliException($"option --{name} is required");

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    /// <summary>Call after reading every option a verb knows: anything left is a mistake of the operator.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new CliException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}

/// <summary>An operator error: the message is printed to stderr and the process exits with <see cref="ExitCode"/>.</summary>
public sealed class CliException(string message, int exitCode = 2) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
