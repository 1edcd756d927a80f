using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Certification.Api.Benchmarks;

/// <summary>
/// <c>--profile</c>: counts the database round trips (and their time) of each kind of command the benchmark sends,
/// and keeps the SQL of one sample of each (whole with <c>BENCH_FULL_SQL=1</c>, else cut short), to see where a step's
/// time goes without a profiler. It also counts EF
/// Core query compilations (cache misses of its compiled-query cache): after warm-up there should be none, since
/// each one costs milliseconds of expression compilation and JIT.
/// </summary>
public sealed class RoundTrips : DbCommandInterceptor, Certification.Workflows.Runtime.IRawCommandObserver
{
    private static readonly AsyncLocal<string?> Current = new();
    private readonly ConcurrentDictionary<string, Tally> _tallies = new();
    private readonly ConcurrentDictionary<string, int> _compilations = new();

    /// <summary>The interceptor that sees each query expression EF Core compiles (not those served from its cache).</summary>
    public IInterceptor Compilations => _counter ??= new CompilationCounter(this);
    private CompilationCounter? _counter;

    private sealed class CompilationCounter(RoundTrips owner) : IQueryExpressionInterceptor
    {
        public System.Linq.Expressions.Expression QueryCompilationStarting(System.Linq.Expressions.Expression queryExpression, QueryExpressionEventData eventData)
        {
            var text = queryExpression.ToString();
            owner._compilations.AddOrUpdate($"{Current.Value ?? "(other)"}: {(text.Length > 300 ? text[..300] + "…" : text)}", 1, (_, n) => n + 1);
            return queryExpression;
        }
    }

    public static IDisposable For(string operation)
    {
        var previous = Current.Value;
        Current.Value = operation;
        return new Restore(previous);
    }

    public sealed class Tally
    {
        public long Commands;
        public long Ticks;
        public long Operations;
        public ConcurrentQueue<string> Sample { get; } = new();
    }

    public void CountOperation(string operation, TimeSpan elapsed)
    {
        var tally = _tallies.GetOrAdd(operation, _ => new Tally());
        Interlocked.Increment(ref tally.Operations);
        Interlocked.Add(ref tally.Ticks, elapsed.Ticks);
    }

    private void Count(DbCommand command)
    {
        var tally = _tallies.GetOrAdd(Current.Value ?? "(other)", _ => new Tally());
        Interlocked.Increment(ref tally.Commands);
        if (tally.Sample.Count < 40 && Interlocked.Read(ref tally.Operations) == 0)
            tally.Sample.Enqueue(command.CommandText.ReplaceLineEndings(" "));
    }

    /// <summary>The workflow runtime's own commands (instance, bookmarks, tasks, journal) do not pass EF's interceptors.</summary>
    void Certification.Workflows.Runtime.IRawCommandObserver.Executed(DbCommand command) => Count(command);

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) { Count(command); return result; }
    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) { Count(command); return ValueTask.FromResult(result); }
    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) { Count(command); return result; }
    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) { Count(command); return ValueTask.FromResult(result); }
    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) { Count(command); return result; }
    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) { Count(command); return ValueTask.FromResult(result); }

    public async Task WriteAsync(TextWriter log)
    {
        await log.WriteLineAsync("round trips per command (EF commands and the workflow runtime's own; the audit append and SQLite pragmas are not counted):");
        foreach (var (name, tally) in _tallies.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var perOperation = tally.Operations == 0 ? tally.Commands : (double)tally.Commands / tally.Operations;
            var ms = tally.Operations == 0 ? 0 : TimeSpan.FromTicks(tally.Ticks).TotalMilliseconds / tally.Operations;
            await log.WriteLineAsync($"  {name,-22} {tally.Operations,7} × {perOperation,5:F1} round trips, {ms,7:F2} ms each");
            foreach (var sql in tally.Sample) await log.WriteLineAsync($"      {(sql.Length > 220 && Environment.GetEnvironmentVariable("BENCH_FULL_SQL") is null ? sql[..220] + "…" : sql)}");
        }
        await log.WriteLineAsync($"query compilations: {_compilations.Values.Sum()} ({_compilations.Count} distinct); the most repeated:");
        foreach (var (query, count) in _compilations.OrderByDescending(c => c.Value).Take(8))
            await log.WriteLineAsync($"  {count,6} × {query.ReplaceLineEndings(" ")}");
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
