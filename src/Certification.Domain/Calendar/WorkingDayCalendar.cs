using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Certification.Domain.Calendar;

/// <summary>
/// China's working-day calendar: Monday to Friday are working days, Saturday and Sunday are not,
/// except that statutory public holidays (放假) are days off and make-up working days (调休上班,
/// usually a Saturday or Sunday) are working days. Holidays and make-up days are yearly data, one
/// JSON document per year as the State Council announces them:
/// <c>{ "year": 2025, "holidays": ["2025-01-01", …], "workingWeekends": ["2025-01-26", …], "source": "…" }</c>.
/// </summary>
/// <remarks>
/// <para>A date in a year without data falls back to plain Monday–Friday. Call <see cref="HasDataFor"/>
/// to find out whether a computation relied on that fallback, and warn the user if it did.</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>Prefix of the embedded resources that hold the built-in years (<c>calendar.cn-2025.json</c>).</summary>
    private const string ResourcePrefix = "calendar.";

    private static readonly Lazy<WorkingDayCalendar> BuiltIn = new(LoadEmbedded);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly FrozenSet<DateOnly> _holidays;
    private readonly FrozenSet<DateOnly> _workingWeekends;
    private readonly FrozenDictionary<int, string?> _sources;

    private WorkingDayCalendar(
        FrozenSet<DateOnly> holidays, FrozenSet<DateOnly> workingWeekends, FrozenDictionary<int, string?> sources)
    {
        _holidays = holidays;
        _workingWeekends = workingWeekends;
        _sources = sources;
        Years = sources.Keys.Order().ToArray();
    }

    /// <summary>The years this calendar has holiday data for, in ascending order.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>
    /// The calendar built from the yearly files under <c>calendar/</c> at the repository root, which
    /// are embedded in this assembly. Loaded once and shared.
    /// </summary>
    public static WorkingDayCalendar LoadBuiltIn() => BuiltIn.Value;

    /// <summary>Builds a calendar from yearly JSON documents, one per year.</summary>
    /// <exception cref="FormatException">A document is not valid calendar JSON, has a malformed date,
    /// lists a date both as holiday and as working weekend, lists a weekday as working weekend, lists a
    /// date outside its year or the adjacent ones, or repeats a year given by another document.</exception>
    public static WorkingDayCalendar Load(params string[] jsonTexts)
    {
        ArgumentNullException.ThrowIfNull(jsonTexts);
        var holidays = new HashSet<DateOnly>();
        var workingWeekends = new HashSet<DateOnly>();
        var sources = new Dictionary<int, string?>();

        foreach (var text in jsonTexts)
        {
            var year = Parse(text);
            if (!sources.TryAdd(year.Year, year.Source))
            {
                throw new FormatException($"Calendar data for {year.Year} is given more than once.");
            }

            var yearHolidays = ParseDates(year.Year, "holidays", year.Holidays);
            var yearWorking = ParseDates(year.Year, "workingWeekends", year.WorkingWeekends);
            foreach (var day in yearWorking)
            {
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    throw new FormatException(
                        $"Calendar {year.Year}: workingWeekends lists {Iso(day)}, a {day.DayOfWeek}; only a Saturday or Sunday can be a make-up working day.");
                }
            }

            holidays.UnionWith(yearHolidays);
            workingWeekends.UnionWith(yearWorking);
            var clash = holidays.Where(workingWeekends.Contains).Order().ToList();
            if (clash.Count > 0)
            {
                throw new FormatException($"Calendar {year.Year}: {Iso(clash[0])} is listed both as a holiday and as a working weekend.");
            }
        }

        return new WorkingDayCalendar(holidays.ToFrozenSet(), workingWeekends.ToFrozenSet(), sources.ToFrozenDictionary());
    }

    /// <summary>Whether holiday data was loaded for <paramref name="year"/>. When it was not, dates in
    /// that year are treated as plain Monday–Friday working days, which callers should warn about.</summary>
    public bool HasDataFor(int year) => _sources.ContainsKey(year);

    /// <summary>The notice the data for <paramref name="year"/> was taken from, or <c>null</c>.</summary>
    public string? SourceFor(int year) => _sources.GetValueOrDefault(year);

    /// <summary>Whether <paramref name="date"/> is a working day: a make-up working day is, a
    /// holiday is not, otherwise Monday to Friday are.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_workingWeekends.Contains(date))
        {
            return true;
        }

        if (_holidays.Contains(date))
        {
            return false;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// Moves <paramref name="n"/> working days from <paramref name="start"/>, as in "due 3 working days
    /// after the 9th": <paramref name="start"/> itself is never counted, each step goes to the next
    /// working day. <c>n = 0</c> returns <paramref name="start"/> unchanged (even when it is not a
    /// working day); a negative <paramref name="n"/> moves backwards the same way.
    /// </summary>
    /// <example>With 2025 data: Friday 2025-09-26 + 1 = Sunday 2025-09-28 (a make-up working day);
    /// Tuesday 2025-09-30 + 1 = Thursday 2025-10-09 (国庆 and 中秋 fall in between).</example>
    /// <remarks>For a period that counts its first day, such as publicity, use <see cref="PublicityLastDay"/>.</remarks>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        var step = n < 0 ? -1 : 1;
        var date = start;
        for (var remaining = Math.Abs(n); remaining > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>
    /// The last day of a publicity (公示) of <paramref name="workingDays"/> working days that starts on
    /// <paramref name="start"/>. Convention: <paramref name="start"/> counts as the first day when it
    /// is a working day (publicity published on a working day runs that day); otherwise the first
    /// working day after it is day one. The publicity runs to the end of the returned day, so its
    /// closing timer fires at 00:00 of the next calendar day, <c>PublicityLastDay(start, n).AddDays(1)</c>.
    /// </summary>
    /// <example>Publicity of 5 working days from Friday 2025-09-26: 09-26, 09-28 (make-up Sunday),
    /// 09-29, 09-30, then 10-01 to 10-08 are off, 10-09 is day 5: the last day is 2025-10-09 and the
    /// timer fires at 2025-10-10 00:00.</example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is less than 1.</exception>
    public DateOnly PublicityLastDay(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        // Counting from the day before makes start itself day one when it is a working day.
        return AddWorkingDays(start.AddDays(-1), workingDays);
    }

    /// <summary>The number of working days from <paramref name="from"/> to <paramref name="toInclusive"/>,
    /// both included; 0 when <paramref name="toInclusive"/> is before <paramref name="from"/>.
    /// <c>WorkingDaysBetween(start, PublicityLastDay(start, n)) == n</c>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly toInclusive)
    {
        var count = 0;
        for (var date = from; date <= toInclusive; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    private static WorkingDayCalendar LoadEmbedded()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                           && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        var texts = new List<string>();
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded calendar resource {name} cannot be opened.");
            using var reader = new StreamReader(stream);
            texts.Add(reader.ReadToEnd());
        }

        return Load([.. texts]);
    }

    private static CalendarYearDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CalendarYearDocument? year;
        try
        {
            year = JsonSerializer.Deserialize<CalendarYearDocument>(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Calendar data is not valid JSON: {ex.Message}", ex);
        }

        if (year is null || year.Year is < 1 or > 9999)
        {
            throw new FormatException("Calendar data needs a \"year\" between 1 and 9999.");
        }

        return year;
    }

    private static List<DateOnly> ParseDates(int year, string field, IReadOnlyList<string>? values)
    {
        var dates = new List<DateOnly>();
        foreach (var value in values ?? [])
        {
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"Calendar {year}: {field} has \"{value}\", which is not a yyyy-MM-dd date.");
            }

            // A notice may place a day of a festival that spans new year in the adjacent year.
            if (Math.Abs(date.Year - year) > 1)
            {
                throw new FormatException($"Calendar {year}: {field} has {value}, which is not in or next to {year}.");
            }

            dates.Add(date);
        }

        return dates;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record CalendarYearDocument(
        int Year, IReadOnlyList<string>? Holidays, IReadOnlyList<string>? WorkingWeekends, string? Source);
}
