using System.Diagnostics;
using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Documents;
using Certification.Domain.Review;
using Certification.Domain.Time;
using Certification.Workflows.Features.AnnualUpdates;
using Certification.Workflows.Features.Applications;
using Certification.Workflows.Features.Batches;
using Certification.Workflows.Features.ChangeReports;
using Certification.Workflows.Features.Documents;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Features.Publicity;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Features.Reviews;
using Certification.Workflows.Features.Tasks;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Certification.Workflows.Runtime.Timers;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Features.Demo;

/// <param name="Enterprises">How many enterprises to register.</param>
/// <param name="Seed">The same seed gives the same enterprises, names, profiles, rounds and outcomes (ids are fresh).</param>
public sealed record DemoSeedOptions(int Enterprises = 120, int Seed = 1);

/// <param name="Certified">Titles issued per tier.</param>
/// <param name="Applications">Applications per status (Draft, PreliminaryReview, …).</param>
public sealed record DemoSeedResult(
    int Enterprises, IReadOnlyDictionary<string, int> Certified, IReadOnlyDictionary<string, int> Applications, int Batches, int Experts,
    int Commands, double Seconds);

/// <summary>
/// Fills an empty database with demo data through the product's own MediatR features and workflows, as
/// <see cref="Access.Caller.System"/>: experts and enterprises registered (shares of provinces and tiers after
/// <c>demo/cultivation-counts.csv</c>), three past rounds of batches in which enterprises climb the ladder (创新型 →
/// 专精特新 → 小巨人) through review, expert panels and publicity to certificates with real issue dates, and a current
/// round whose applications are left in every state: draft, withdrawn, preliminary review, returned, formal review,
/// expert review, recommendation, publicity, certified and rejected at each stage. A few Zhejiang holders won their
/// first title in a pilot round three years ago, so their re-evaluations are open now; a few others' yearly data puts
/// them on the watch list. The services must run on a
/// <see cref="DemoClock"/> (the seeder moves it from about three years ago up to now; publicity ends by the durable
/// timers). Reusable by benchmarks: build the services with a <see cref="DemoClock"/> and call <see cref="RunAsync"/>.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, DemoClock clock, TimerSweeper timers, CriteriaCatalog criteria)
{
    /// <summary>Where a current-round application is left.</summary>
    public enum Fate
    {
        None, Draft, Withdrawn, PreliminaryReview, Returned, FormalReview, ExpertReview, Recommendation, Publicity, Certified,
        RejectedPreliminary, RejectedFormal, RejectedExperts,
    }

    private static readonly string[] Tiers = ["innovative", "specialized", "little-giant"];
    /// <summary>The pilot round's index in batch names and keys (the rounds proper are 0–2, the current one 3).</summary>
    private const int PilotRound = -1;
    /// <summary>How many holders of a pilot-round title (open re-evaluations), and how many on the watch list.</summary>
    private const int Pilots = 3, WatchedHolders = 2;
    private const string PreliminaryActor = "demo-preliminary";
    private const string FormalActor = "demo-formal";
    /// <summary>The province of the demo's reviewer and regulator accounts (浙江).</summary>
    private const string DemoProvince = "33";

    private sealed class Plan(int index, int serial, DemoProvince province, DemoCounty county, string name)
    {
        public int Index { get; } = index;
        public DemoProvince Province { get; set; } = province;
        public DemoCounty County { get; set; } = county;
        public string Name { get; set; } = name;
        public string CreditCode => DemoNames.CreditCode(County.Code, serial);
        /// <summary>Round (0–2) in which each tier was won; -1 when never.</summary>
        public int[] WonIn { get; } = [-1, -1, -1];
        /// <summary>Won its innovative title in the pilot round three years ago (not in round 0): it comes up for re-evaluation now.</summary>
        public bool Pilot { get; set; }
        /// <summary>Sends yearly data below its specialized title's criteria at the end: it is on the watch list.</summary>
        public bool Watched { get; set; }
        public Fate Current { get; set; }
        public string? EnterpriseId { get; set; }
        public int Level => WonIn.Count(r => r >= 0);
        public string? NextTier => Level < 3 ? Tiers[Level] : null;
    }

    /// <summary>The seeder of services built with a <see cref="DemoClock"/> as their <see cref="TimeProvider"/>.</summary>
    public static DemoSeeder Create(IServiceProvider services) => new(
        services.GetRequiredService<IServiceScopeFactory>(),
        services.GetRequiredService<TimeProvider>() as DemoClock
        ?? throw new InvalidOperationException("demo data needs services whose TimeProvider is a DemoClock"),
        services.GetRequiredService<TimerSweeper>(), Shipped.Value);

    /// <summary>Demo profiles are made for the shipped criteria (the version batches use by default).</summary>
    private static readonly Lazy<CriteriaCatalog> Shipped = new(CriteriaCatalog.LoadBuiltIn);

    /// <summary>True when the database has no enterprise yet (demo data goes only into an empty database).</summary>
    public static async Task<bool> IsEmptyAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return !await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Enterprises.AnyAsync(ct);
    }

    private int _commands;

    /// <summary>Time spent per request type (for measuring the seeder).</summary>
    public Dictionary<string, TimeSpan> Timings { get; } = [];
    private readonly Dictionary<(int Round, string Tier, string Province), string> _batches = [];

    public async Task<DemoSeedResult> RunAsync(DemoSeedOptions options, CancellationToken ct = default)
    {
        if (options.Enterprises is < 1 or > 100_000) throw new RequestValidationException("enterprises", "企业数须在 1–100000 之间");
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var random = new Random(options.Seed);
        var plans = MakePlans(random, options);

        // Rounds 0–2 open 33, 22 and 11 months ago (so round 0's titles come up for expiry soon); the current round 40 days ago.
        // A small pilot round opens a little under three years ago: its titles, issued at the end of publicity about a
        // month later, end some 45 days from now, within the re-evaluation lead (90 days).
        var roundStarts = new[] { now.AddMonths(-33), now.AddMonths(-22), now.AddMonths(-11) };
        var pilotStart = now.AddYears(-3).AddDays(20);
        clock.MoveTo(pilotStart.AddDays(-7));
        var experts = await RegisterExpertsAsync(random, Math.Max(12, options.Enterprises / 10), ct);
        foreach (var plan in plans)
        {
            var view = await SendAsync(new RegisterEnterprise(plan.CreditCode, plan.Name, plan.County.Code, "联系人" + (plan.Index % 97),
                $"0571-8{plan.Index % 10_000_000:D7}", null), ct, fallback: () => plan.Name = DemoNames.Make(new Random(plan.Index), plan.County));
            plan.EnterpriseId = view?.Id ?? (await SendAsync(new RegisterEnterprise(plan.CreditCode, plan.Name, plan.County.Code, null, null, null), ct))!.Id;
        }

        await PastRoundAsync(random, PilotRound, pilotStart, plans.Where(p => p.Pilot).Select(p => (p, Tiers[0])).ToList(), ct);
        for (var round = 0; round < 3; round++)
        {
            var r = round;
            var won = plans.SelectMany(p => Enumerable.Range(0, 3).Where(t => p.WonIn[t] == r && !(t == 0 && p.Pilot)).Select(t => (p, Tiers[t]))).ToList();
            await PastRoundAsync(random, round, roundStarts[round], won, ct);
        }

        // The current round: the certified ones first (their publicity must end before now), then the rest.
        var current = plans.Where(p => p.Current != Fate.None && p.NextTier is not null).ToList();
        clock.MoveTo(now.AddDays(-40));
        var open = new List<(string Id, Fate Fate)>();
        foreach (var plan in current)
        {
            var id = await ApplyAsync(random, plan, plan.NextTier!, 3, plan.Current, ct);
            if (plan.Current != Fate.Draft) open.Add((id, plan.Current));
        }
        clock.MoveTo(now.AddDays(-35));
        foreach (var (id, fate) in open.Where(o => o.Fate == Fate.Certified)) await AdvanceAsync(random, id, fate, ct);
        clock.MoveTo(now.AddDays(-14));
        await SweepAsync(ct);
        clock.MoveTo(now.AddDays(-2));
        foreach (var (id, fate) in open.Where(o => o.Fate != Fate.Certified))
        {
            await AdvanceAsync(random, id, fate, ct);
            // Only a dossier waiting for the enterprise can be withdrawn: a returned one is.
            if (fate == Fate.Withdrawn) await SendAsync(new WithdrawApplication(id, "enterprise"), ct);
        }
        clock.MoveTo(now);
        await SweepAsync(ct);
        await SeedDynamicManagementAsync(plans, ct);

        return await SummariseAsync(options.Enterprises, experts, watch.Elapsed.TotalSeconds, ct);
    }

    /// <summary>A past round: the winners apply, are carried through review and publicity, and their titles issued.</summary>
    private async Task PastRoundAsync(Random random, int round, DateTimeOffset start, List<(Plan Plan, string Tier)> won, CancellationToken ct)
    {
        clock.MoveTo(start);
        var applications = new List<string>();
        foreach (var (plan, tier) in won) applications.Add(await ApplyAsync(random, plan, tier, round, Fate.Certified, ct));
        clock.MoveTo(start.AddDays(20));
        foreach (var id in applications) await AdvanceAsync(random, id, Fate.Certified, ct);
        clock.MoveTo(start.AddDays(60));
        await SweepAsync(ct);
    }

    // ---- the plan ------------------------------------------------------------------------------------------------

    private static List<Plan> MakePlans(Random random, DemoSeedOptions options)
    {
        var plans = new List<Plan>();
        var allocation = DemoRegions.Allocate(options.Enterprises);
        // Interleave provinces so that a small demo still spreads over many of them.
        var queue = allocation.SelectMany(a => Enumerable.Range(0, a.Count).Select(k => (a.Province, Order: (k + 0.5) / a.Count)))
            .OrderBy(x => x.Order).ThenBy(x => x.Province.Code, StringComparer.Ordinal).ToList();
        var serialBase = Math.Abs(options.Seed % 90) * 100_000;
        foreach (var (province, _) in queue)
        {
            var index = plans.Count;
            var county = province.Counties[random.Next(province.Counties.Count)];
            // Hostile names early, so that even a small demo carries them all.
            var name = index % 9 == 4 && index / 9 < DemoNames.Hostile.Length ? DemoNames.Hostile[index / 9] : DemoNames.Make(random, county);
            var plan = new Plan(index, serialBase + index, province, county, name);
            // A quarter are newcomers; the others climbed as far as the province's shares say, starting in some round.
            if (random.NextDouble() >= 0.25)
            {
                var u = random.NextDouble() * province.Innovative;
                var level = u < province.LittleGiant ? 3 : u < province.Specialized ? 2 : 1;
                var start = random.Next(0, 4 - level);
                for (var t = 0; t < level; t++) plan.WonIn[t] = start + t;
            }
            plan.Current = plan.Level == 3 ? Fate.None : PickFate(random, plan.Level);
            plans.Add(plan);
        }
        EnsureEveryState(plans);
        ChoosePilots(plans);
        ChooseWatched(plans);
        return plans;
    }

    private static Fate PickFate(Random random, int level)
    {
        // Weights of where a current-round applicant is left (none: no application this round).
        (Fate Fate, int Weight)[] weights =
        [
            (Fate.None, level == 0 ? 20 : 60), (Fate.Draft, 10), (Fate.Withdrawn, 3), (Fate.PreliminaryReview, 12), (Fate.Returned, 6),
            (Fate.FormalReview, 10), (Fate.ExpertReview, level == 0 ? 0 : 8), (Fate.Recommendation, level == 2 ? 6 : 0),
            (Fate.Publicity, 10), (Fate.Certified, 14), (Fate.RejectedPreliminary, 5), (Fate.RejectedFormal, 3),
            (Fate.RejectedExperts, level == 0 ? 0 : 3),
        ];
        var roll = random.Next(weights.Sum(w => w.Weight));
        foreach (var (fate, weight) in weights)
        {
            if (roll < weight) return fate;
            roll -= weight;
        }
        return Fate.None;
    }

    /// <summary>
    /// Every state at least once whatever the size, and work for the demo accounts: preliminary review in Hangzhou
    /// (3301), formal review in Zhejiang (33), an expert panel open, a dossier in publicity in Zhejiang (to object to).
    /// </summary>
    private static void EnsureEveryState(List<Plan> plans)
    {
        var wanted = new (Fate Fate, string Region, int MinLevel)[]
        {
            (Fate.PreliminaryReview, "3301", 0), (Fate.FormalReview, "33", 0), (Fate.ExpertReview, "", 1), (Fate.ExpertReview, "33", 1),
            (Fate.Recommendation, "", 2), (Fate.Draft, "", 0), (Fate.Withdrawn, "", 0), (Fate.Returned, "", 0), (Fate.Publicity, "33", 0),
            (Fate.Certified, "", 0), (Fate.RejectedPreliminary, "", 0), (Fate.RejectedFormal, "", 0), (Fate.RejectedExperts, "", 1),
        };
        var fixedUp = new HashSet<Plan>();
        foreach (var (fate, region, minLevel) in wanted)
        {
            if (plans.Any(p => p.Current == fate && p.County.Code.StartsWith(region, StringComparison.Ordinal) && p.NextTier is not null)) continue;
            var candidate = plans.Where(p => !fixedUp.Contains(p))
                .OrderBy(p => p.County.Code.StartsWith(region, StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(p => p.Level >= minLevel && p.Level < 3 ? 0 : 1).ThenBy(p => p.Index).FirstOrDefault();
            if (candidate is null) continue;
            Move(candidate, region);
            // Give it the history the state needs (an expert panel needs a specialized application, and so on).
            if (candidate.Level < minLevel)
                for (var t = 0; t < 3; t++) candidate.WonIn[t] = t < minLevel ? t : -1;
            if (candidate.Level == 3) candidate.WonIn[2] = -1;
            candidate.Current = fate;
            fixedUp.Add(candidate);
        }
    }

    /// <summary>
    /// The holders whose innovative title dates from the pilot round, in Zhejiang where the demo's officers work: those
    /// who won it in round 0 first, then newcomers who apply for nothing this round (they are given the title).
    /// </summary>
    private static void ChoosePilots(List<Plan> plans)
    {
        var chosen = plans.Where(p => p.WonIn[0] == 0 || (p.Level == 0 && p.Current == Fate.None))
            .OrderBy(p => p.County.Code.StartsWith(DemoProvince, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p.WonIn[0] == 0 ? 0 : 1).ThenBy(p => p.Index).Take(Pilots);
        foreach (var plan in chosen)
        {
            Move(plan, DemoProvince);
            plan.WonIn[0] = 0;
            plan.Pilot = true;
        }
    }

    /// <summary>
    /// The specialized holders whose yearly data will fall below their tier (the declining year still meets the
    /// innovative one), in Zhejiang; with no open application this round, so that new yearly data changes no dossier
    /// under review. Too few there: newcomers who apply for nothing are given the two titles.
    /// </summary>
    private static void ChooseWatched(List<Plan> plans)
    {
        var chosen = plans.Where(p => !p.Pilot && (p.Current == Fate.None || (p.Level >= 2 && p.Current is Fate.Certified or Fate.Withdrawn
                or Fate.RejectedPreliminary or Fate.RejectedFormal or Fate.RejectedExperts)))
            .OrderBy(p => p.County.Code.StartsWith(DemoProvince, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p.Level >= 2 ? 0 : 1).ThenBy(p => p.Index).Take(WatchedHolders);
        foreach (var plan in chosen)
        {
            Move(plan, DemoProvince);
            if (plan.Level < 2) (plan.WonIn[0], plan.WonIn[1]) = (0, 1);
            plan.Watched = true;
        }
    }

    /// <summary>Too few enterprises to have one in the region: move one there (a new name to go with its new city).</summary>
    private static void Move(Plan plan, string region)
    {
        if (plan.County.Code.StartsWith(region, StringComparison.Ordinal)) return;
        plan.Province = DemoRegions.All.First(p => p.Counties.Any(c => c.Code.StartsWith(region, StringComparison.Ordinal)));
        plan.County = plan.Province.Counties.First(c => c.Code.StartsWith(region, StringComparison.Ordinal));
        if (!DemoNames.Hostile.Contains(plan.Name)) plan.Name = DemoNames.Make(new Random(plan.Index), plan.County);
    }

    // ---- doing it through the features ---------------------------------------------------------------------------

    private async Task<int> RegisterExpertsAsync(Random random, int count, CancellationToken ct)
    {
        string[] fields = ["智能制造", "新材料", "电子信息", "生物医药", "节能环保", "财务审计", "知识产权"];
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
        string[] given = ["建国", "晓明", "丽华", "志强", "海燕", "文博", "静怡", "国平", "宇航", "雪梅", "振华", "思远"];
        var counties = DemoRegions.All.SelectMany(p => p.Counties).ToList();
        for (var i = 0; i < count; i++)
        {
            var county = counties[i % counties.Count];
            await SendAsync(new RegisterExpert($"{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]}", county.Code,
                [fields[i % fields.Length], fields[(i + 3) % fields.Length]]), ct);
        }
        return count;
    }

    private async Task<string> ApplyAsync(Random random, Plan plan, string tier, int round, Fate fate, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var batchId = await BatchAsync(round, tier, plan.Province, today, ct);
        await SendAsync(new UpdateEnterpriseProfile(plan.EnterpriseId!, DemoProfiles.Make(random, criteria, tier, today)), ct);
        var draft = await SendAsync(new CreateApplication(plan.EnterpriseId, batchId), ct);
        var required = MaterialChecklist.For(tier).Where(m => m.Required).ToList();
        // A draft has some of its materials; the others all of them.
        foreach (var item in fate == Fate.Draft ? required.Take(1) : required)
            await SendAsync(new UploadDocument(draft!.Id, item.Code, item.Name + ".pdf", DemoWork.Pdf(item.Name), "enterprise"), ct);
        if (fate == Fate.Draft) return draft!.Id;
        await SendAsync(new SubmitApplication(draft!.Id, "enterprise"), ct);
        return draft.Id;
    }

    private async Task<string> BatchAsync(int round, string tier, DemoProvince province, DateOnly today, CancellationToken ct)
    {
        if (_batches.TryGetValue((round, tier, province.Code), out var id)) return id;
        var tierName = criteria.Default.FindTier(tier)?.Name ?? tier;
        var name = round switch
        {
            3 => $"{today.Year}年{province.Name}{tierName}申报（本期）",
            PilotRound => $"{today.Year}年{province.Name}{tierName}试点批",
            _ => $"{today.Year}年{province.Name}{tierName}第{round + 1}批",
        };
        var batch = await SendAsync(new CreateBatch(name, tier, province.Code, today.AddDays(-1), today.AddDays(round == 3 ? 75 : 30),
            PublicityWorkingDays: 5, SpotCheckShare: 0m, RecommendationQuota: tier == "little-giant" ? 30 : null), ct);
        _batches[(round, tier, province.Code)] = batch!.Id;
        return batch.Id;
    }

    /// <summary>Decides the application's open tasks, stage after stage, until it is where <paramref name="fate"/> leaves it.</summary>
    private async Task AdvanceAsync(Random random, string applicationId, Fate fate, CancellationToken ct)
    {
        var stop = fate switch
        {
            Fate.PreliminaryReview => ApplicationStatus.PreliminaryReview,
            Fate.FormalReview => ApplicationStatus.FormalReview,
            Fate.ExpertReview => ApplicationStatus.ExpertReview,
            Fate.Recommendation => ApplicationStatus.Recommendation,
            Fate.Returned or Fate.Withdrawn => ApplicationStatus.Returned,
            Fate.Publicity or Fate.Certified => ApplicationStatus.Publicity,
            _ => null,
        };
        for (var step = 0; step < 40; step++)
        {
            var status = await ReadAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.Status).FirstAsync(ct));
            if (status == stop || !ApplicationStatus.IsOpen(status) || status == ApplicationStatus.Returned) return;
            var task = await ReadAsync(db => db.HumanTasks.AsNoTracking()
                .Where(t => t.CorrelationId == applicationId && t.Status == HumanTaskStatus.Open).OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync(ct));
            if (task is null || task.ActivityType == "Certification.Publicity") return;
            if (task.ActivityType == "Certification.ExpertScoring")
            {
                await ScorePanelAsync(random, task.Id, pass: fate != Fate.RejectedExperts, ct);
                continue;
            }
            var outcomes = Outcomes.GetValueOrDefault(task.ActivityType) ?? (await SendAsync(new GetTask(task.Id), ct))!.Outcomes ?? [];
            var (outcome, reason) = Decide(task.ActivityType, fate, outcomes);
            var actor = Access.Visibility.PreliminaryActivities.Contains(task.ActivityType) ? PreliminaryActor : FormalActor;
            await SendAsync(new CompleteReviewTask(task.Id, outcome, reason, actor), ct);
        }
    }

    /// <summary>The shipped definitions' review outcomes (positive first); another activity type is asked for its own.</summary>
    private static readonly Dictionary<string, string[]> Outcomes = new()
    {
        ["Certification.PreliminaryReview"] = ["Recommended", "Returned", "Rejected"],
        ["Certification.FormalReview"] = ["Passed", "Returned", "Rejected"],
        ["Certification.SpotCheck"] = ["Passed", "Failed"],
        ["Certification.Recommend"] = ["Recommended", "NotRecommended"],
    };

    private static (string Outcome, string? Reason) Decide(string activityType, Fate fate, IReadOnlyList<string> outcomes)
    {
        var negative = outcomes.FirstOrDefault(o => o is "Rejected" or "Failed" or "NotRecommended");
        if (fate is Fate.Returned or Fate.Withdrawn && outcomes.Contains("Returned")) return ("Returned", "请补充近三年研发费用专项审计报告及知识产权证明原件扫描件");
        if (fate == Fate.RejectedPreliminary && activityType == "Certification.PreliminaryReview" && negative is not null)
            return (negative, "主导产品不属于本地区重点支持的细分领域，且研发投入强度核实后低于申报数据");
        if (fate == Fate.RejectedFormal && activityType == "Certification.FormalReview" && negative is not null)
            return (negative, "经核实，企业上年度营业收入与审计报告不一致，不符合认定条件");
        return (outcomes.FirstOrDefault(o => o is "Recommended" or "Passed" or "Approved" or "Clear") ?? outcomes[0], null);
    }

    private async Task ScorePanelAsync(Random random, string taskId, bool pass, CancellationToken ct)
    {
        var seats = await ReadAsync(db => db.ExpertAssignments.AsNoTracking()
            .Where(s => s.PanelTaskId == taskId && s.Status == ExpertAssignmentStatus.Assigned).Select(s => s.Id).ToListAsync(ct));
        // One quality per application, each expert a little off it (well inside the divergence threshold).
        var quality = pass ? 0.72m + random.Next(0, 22) / 100m : 0.40m + random.Next(0, 10) / 100m;
        foreach (var seat in seats)
        {
            var sheet = (await SendAsync(new GetScoreSheet(seat), ct))!;
            var own = quality + random.Next(-3, 4) / 100m;
            var scores = sheet.Indicators.Select(i =>
            {
                var basis = i.ComputedScore is { } computed ? Math.Min(i.Max, computed * own / 0.85m) : i.Max * own;
                var score = Math.Clamp(Math.Round(basis, 1), 0m, i.Max);
                return new IndicatorScoreInput(i.Code, score, score == i.ComputedScore ? null : "结合材料审查与现场核实综合评定");
            }).ToList();
            await SendAsync(new SubmitScores(seat, scores), ct);
        }
    }

    /// <summary>
    /// Some of the dynamic management, so that the officers' pages show their work in the demo: objections lodged
    /// against two dossiers in publicity, a change of name reported by a title holder (its re-check task waits in
    /// the formal reviewers' inbox), the re-evaluations of the pilot round's titles (the first holder has submitted
    /// its data, so a proposal waits for the officer; the others are still to submit), and yearly data below the
    /// criteria from a few other holders (the watch list).
    /// </summary>
    private async Task SeedDynamicManagementAsync(List<Plan> plans, CancellationToken ct)
    {
        // In Zhejiang first, where the demo's formal reviewer works.
        var inPublicity = await ReadAsync(db => db.Applications.Where(a => a.Status == ApplicationStatus.Publicity)
            .OrderBy(a => a.RegionCode.StartsWith(DemoProvince) ? 0 : 1).ThenBy(a => a.Id).Select(a => a.Id).Take(2).ToListAsync(ct));
        foreach (var id in inPublicity)
            await SendAsync(new LodgeObjection(id, "王先生", "13800000000", "该企业申报的研发人员数量与社保缴纳记录不一致，请核实。"), ct);
        if (plans.Where(p => p.Level > 0 && p.EnterpriseId is not null)
                .OrderBy(p => p.County.Code.StartsWith(DemoProvince, StringComparison.Ordinal) ? 0 : 1).ThenBy(p => p.Index)
                .FirstOrDefault() is { } holder)
            await SendAsync(new ReportChange(holder.EnterpriseId!, "rename", ChinaTime.Today(clock).AddDays(-10),
                "企业名称变更，统一社会信用代码不变，营业执照已换发。", "enterprise"), ct);

        // The host's background sweep would open them at its first pass; the seeder does not wait for it.
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReEvaluationOpener>().OpenDueAsync(100, ct);
        await SweepAsync(ct);
        var today = ChinaTime.Today(clock);
        if (plans.Where(p => p.Pilot).OrderBy(p => p.Index).FirstOrDefault() is { EnterpriseId: { } submitting } first)
        {
            var open = await SendAsync(new ListReEvaluations(ListReEvaluations.Open, submitting), ct);
            await SendAsync(new UpdateEnterpriseProfile(submitting, DemoProfiles.Make(new Random(first.Index), criteria, Tiers[0], today)), ct);
            foreach (var review in open?.Items ?? []) await SendAsync(new SubmitReEvaluationData(review.Id, "enterprise"), ct);
        }

        foreach (var plan in plans.Where(p => p.Watched && p.EnterpriseId is not null))
            await SendAsync(new SubmitAnnualUpdate(plan.EnterpriseId!, today.Year - 1, DemoProfiles.Declining(today), "enterprise"), ct);
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        while (await timers.SweepAsync(500, ct) > 0) { }
    }

    private async Task<DemoSeedResult> SummariseAsync(int enterprises, int experts, double seconds, CancellationToken ct)
    {
        var certified = await ReadAsync(db => db.Titles.GroupBy(t => t.Tier).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct));
        var statuses = await ReadAsync(db => db.Applications.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct));
        var batches = await ReadAsync(db => db.Batches.CountAsync(ct));
        return new DemoSeedResult(enterprises,
            Tiers.ToDictionary(t => t, t => certified.FirstOrDefault(c => c.Key == t)?.Count ?? 0),
            statuses.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Count),
            batches, experts, _commands, Math.Round(seconds, 1));
    }

    // ---- plumbing --------------------------------------------------------------------------------------------------

    /// <summary>One command or query in a scope of its own (one unit of work, like an HTTP request).</summary>
    private async Task<T?> SendAsync<T>(IRequest<T> request, CancellationToken ct, Action? fallback = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        _commands++;
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
        }
        catch (RequestValidationException) when (fallback is not null)
        {
            // A hostile name the registration rules refuse: the engine decides what is stored, the demo carries on.
            fallback();
            return default;
        }
        finally
        {
            var name = request.GetType().Name;
            Timings[name] = Timings.GetValueOrDefault(name) + Stopwatch.GetElapsedTime(started);
        }
    }

    private async Task<T> ReadAsync<T>(Func<CertificationDbContext, Task<T>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CertificationDbContext>());
    }
}
