using Certification.Domain.Calendar;

namespace Certification.Domain.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Cn = WorkingDayCalendar.LoadBuiltIn();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-03-08", false)] // Saturday
    [InlineData("2025-03-09", false)] // Sunday
    [InlineData("2025-03-10", true)]  // Monday
    [InlineData("2025-03-14", true)]  // Friday
    public void Weekends_are_off_and_weekdays_are_working_days(string date, bool working)
    {
        Cn.IsWorkingDay(D(date)).Should().Be(working);
    }

    [Theory]
    [InlineData("2025-01-01")] // 元旦, Wednesday
    [InlineData("2025-01-28")] // 除夕, Tuesday
    [InlineData("2025-02-04")] // 正月初七, Tuesday
    [InlineData("2025-05-05")] // 劳动节, Monday
    [InlineData("2025-10-08")] // 国庆、中秋, Wednesday
    [InlineData("2024-02-16")] // 春节 2024, Friday
    [InlineData("2026-02-23")] // 春节 2026, Monday
    public void Statutory_holidays_on_weekdays_are_off(string date)
    {
        Cn.IsWorkingDay(D(date)).Should().BeFalse();
    }

    [Theory]
    [InlineData("2025-01-26")] // Sunday before 春节
    [InlineData("2025-02-08")] // Saturday after 春节
    [InlineData("2025-09-28")] // Sunday before 国庆
    [InlineData("2025-10-11")] // Saturday after 国庆
    [InlineData("2024-05-11")]
    [InlineData("2026-01-04")]
    public void Make_up_weekend_days_are_working_days(string date)
    {
        Cn.IsWorkingDay(D(date)).Should().BeTrue();
    }

    [Theory]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Each_built_in_year_has_the_published_number_of_working_days(int year, int workingDays)
    {
        // Borrowed weekdays and make-up weekend days must balance, so a missing or extra date shows here.
        Cn.WorkingDaysBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).Should().Be(workingDays);
    }

    [Theory]
    [InlineData("2025-09-26", "2025-10-09")] // Fri; 09-28 make-up Sunday counts; 10-01..10-08 off
    [InlineData("2025-09-30", "2025-10-13")] // 09-30, 10-09, 10-10, 10-11 (make-up Saturday), 10-13
    [InlineData("2025-09-27", "2025-10-10")] // starts on a Saturday: day one is the make-up Sunday 09-28
    [InlineData("2025-10-03", "2025-10-14")] // starts inside the holiday: day one is 10-09
    public void Publicity_of_five_working_days_spanning_national_day_2025(string start, string lastDay)
    {
        var last = Cn.PublicityLastDay(D(start), 5);

        last.Should().Be(D(lastDay));
        Cn.WorkingDaysBetween(D(start), last).Should().Be(5);
        Cn.IsWorkingDay(last).Should().BeTrue();
    }

    [Fact]
    public void Publicity_starting_on_a_working_day_counts_that_day()
    {
        Cn.PublicityLastDay(D("2025-03-10"), 1).Should().Be(D("2025-03-10"));
        Cn.PublicityLastDay(D("2025-03-10"), 5).Should().Be(D("2025-03-14"));
        Cn.PublicityLastDay(D("2025-03-08"), 1).Should().Be(D("2025-03-10"));
    }

    [Fact]
    public void Publicity_can_cross_into_the_next_year()
    {
        // 12-29, 12-30, 12-31, then 元旦 2026-01-01..03 off, 01-04 make-up Sunday, 01-05.
        Cn.PublicityLastDay(D("2025-12-29"), 5).Should().Be(D("2026-01-05"));
    }

    [Fact]
    public void Publicity_needs_at_least_one_working_day()
    {
        var act = () => Cn.PublicityLastDay(D("2025-03-10"), 0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("2025-09-26", 1, "2025-09-28")]
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-10-09", -1, "2025-09-30")]
    [InlineData("2025-03-10", 5, "2025-03-17")]
    [InlineData("2025-03-08", 0, "2025-03-08")]
    public void AddWorkingDays_does_not_count_the_start_day(string start, int n, string expected)
    {
        Cn.AddWorkingDays(D(start), n).Should().Be(D(expected));
    }

    [Theory]
    [InlineData("2025-10-01", "2025-10-08", 0)]
    [InlineData("2025-09-27", "2025-10-12", 6)]
    [InlineData("2025-03-10", "2025-03-10", 1)]
    [InlineData("2025-03-10", "2025-03-09", 0)]
    public void WorkingDaysBetween_counts_both_ends(string from, string to, int expected)
    {
        Cn.WorkingDaysBetween(D(from), D(to)).Should().Be(expected);
    }

    [Fact]
    public void A_year_without_data_falls_back_to_monday_to_friday()
    {
        Cn.HasDataFor(2030).Should().BeFalse();
        Cn.HasDataFor(2025).Should().BeTrue();

        Cn.IsWorkingDay(D("2030-10-01")).Should().BeTrue(); // a Tuesday: no holiday data for 2030
        Cn.IsWorkingDay(D("2030-10-05")).Should().BeFalse(); // Saturday
        Cn.PublicityLastDay(D("2030-10-01"), 5).Should().Be(D("2030-10-07"));
    }

    [Fact]
    public void The_built_in_calendar_names_its_years_and_sources()
    {
        Cn.Years.Should().Equal(2024, 2025, 2026);
        Cn.SourceFor(2025).Should().Contain("2025年部分节假日安排");
        Cn.SourceFor(2030).Should().BeNull();
        WorkingDayCalendar.LoadBuiltIn().Should().BeSameAs(Cn);
    }

    [Fact]
    public void Load_reads_given_years()
    {
        var calendar = WorkingDayCalendar.Load(
            """{ "year": 2030, "holidays": ["2030-10-01"], "workingWeekends": ["2030-10-05"], "source": "test" }""");

        calendar.HasDataFor(2030).Should().BeTrue();
        calendar.HasDataFor(2025).Should().BeFalse();
        calendar.IsWorkingDay(D("2030-10-01")).Should().BeFalse();
        calendar.IsWorkingDay(D("2030-10-05")).Should().BeTrue();
        calendar.IsWorkingDay(D("2025-10-01")).Should().BeTrue(); // no 2025 data in this calendar
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "holidays": [] }""")]
    [InlineData("""{ "year": 2030, "holidays": ["2030/10/01"] }""")]
    [InlineData("""{ "year": 2030, "holidays": ["2035-10-01"] }""")]
    [InlineData("""{ "year": 2030, "workingWeekends": ["2030-10-08"] }""")] // a Tuesday
    [InlineData("""{ "year": 2030, "holidays": ["2030-10-05"], "workingWeekends": ["2030-10-05"] }""")]
    public void Load_rejects_bad_data_with_a_clear_error(string json)
    {
        var act = () => WorkingDayCalendar.Load(json);

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Load_rejects_a_year_given_twice()
    {
        const string year = """{ "year": 2030, "holidays": [] }""";

        var act = () => WorkingDayCalendar.Load(year, year);

        act.Should().Throw<FormatException>().WithMessage("*2030*more than once*");
    }
}
