using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Certification.Domain.Applications;
using Certification.Domain.Criteria;
using Certification.Domain.Titles;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Lifecycle;

/// <summary>
/// Reads the lifecycle features share. They look at the change tracker as well as the database, because a
/// handler and the workflow step it resumes commit together: a version frozen, or a decision written, earlier in
/// the same request is only in the tracker until that one SaveChanges.
/// </summary>
public static class LifecycleData
{
    public static readonly string[] ReviewActivityTypes =
    [
        "Certification.PreliminaryReview",
        "Certification.FormalReview",
        "Certification.SpotCheck",
        "Certification.Recommend",
    ];

    public const string ExpertScoringType = "Certification.ExpertScoring";
    public const string PublicityType = "Certification.Publicity";
    public const string ExpertPanelRole = "expert-panel";

    /// <summary>Who the journal names when a panel's aggregated score resumes its task (never an expert's name).</summary>
    public const string PanelActor = "expert-panel";

    /// <summary>A stored UTC time (SQLite hands it back unspecified) as an instant.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    /// <summary>
    /// The newest frozen submission without its profile and document list, which are large and which most steps
    /// never read. It sees a version added in this unit of work, not yet saved; a tracked
    /// version numbered as the application's current one is the newest (only <see cref="Application.Submit"/> numbers
    /// versions, one above the last), so then the database is not asked at all.
    /// </summary>
    public static async Task<FrozenSubmission?> LatestSubmissionAsync(this CertificationDbContext db, Application application, CancellationToken ct = default)
    {
        var local = db.ApplicationVersions.Local.Where(v => v.ApplicationId == application.Id).MaxBy(v => v.Version);
        if (local is not null && local.Version >= application.CurrentVersion) return FrozenSubmission.Of(local);
        var stored = await db.ApplicationVersions.Where(v => v.ApplicationId == application.Id)
            .OrderByDescending(v => v.Version)
            .Select(v => new FrozenSubmission(v.Version, v.SubmittedAt, v.EvaluationJson))
            .FirstOrDefaultAsync(ct);
        return local is null ? stored : stored is null || local.Version >= stored.Version ? FrozenSubmission.Of(local) : stored;
    }

    /// <summary>The frozen profile of one version, from the tracker when the version is there.</summary>
    public static async Task<string?> FrozenProfileJsonAsync(this CertificationDbContext db, string applicationId, int version, CancellationToken ct = default) =>
        db.ApplicationVersions.Local.FirstOrDefault(v => v.ApplicationId == applicationId && v.Version == version)?.ProfileJson
        ?? await db.ApplicationVersions.Where(v => v.ApplicationId == applicationId && v.Version == version)
            .Select(v => v.ProfileJson).FirstOrDefaultAsync(ct);

    /// <summary>Review decisions of an application, oldest first, including ones added in this unit of work.</summary>
    public static async Task<List<ReviewDecision>> DecisionsAsync(this CertificationDbContext db, string applicationId, CancellationToken ct = default)
    {
        var stored = await db.ReviewDecisions.Where(d => d.ApplicationId == applicationId).ToListAsync(ct);
        var added = db.ChangeTracker.Entries<ReviewDecision>()
            .Where(e => e.State == EntityState.Added && e.Entity.ApplicationId == applicationId)
            .Select(e => e.Entity)
            .ToList();
        // Unsaved rows carry temporary keys: they come after the stored ones of the same instant, in the order added.
        return stored.Except(added)
            .Select((d, i) => (d, Rank: 0, Order: d.Id))
            .Concat(added.Select((d, i) => (d, Rank: 1, Order: (long)i)))
            .OrderBy(x => x.d.DecidedAt).ThenBy(x => x.Rank).ThenBy(x => x.Order)
            .Select(x => x.d)
            .ToList();
    }

    /// <summary>The evaluation frozen with a submission; null when the JSON is missing or unreadable.</summary>
    public static Evaluation? ReadEvaluation(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var evaluation = JsonSerializer.Deserialize<Evaluation>(json, CriteriaJson.Options);
            if (evaluation is null || string.IsNullOrEmpty(evaluation.Tier)) return null;
            // Older or partial documents may lack lists: never hand out nulls.
            return evaluation with
            {
                Dimensions = evaluation.Dimensions ?? [],
                Indicators = evaluation.Indicators ?? [],
                Failed = evaluation.Failed ?? [],
                DirectConditions = evaluation.DirectConditions ?? [],
                Conditions = evaluation.Conditions ?? [],
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The spec of an open task as the engine created it (allowed outcomes, data such as panel size), read from
    /// the instance state; null when the task is no longer waiting.
    /// </summary>
    public static async Task<HumanTaskSpec?> OpenTaskSpecAsync(this CertificationDbContext db, HumanTaskRecord task, CancellationToken ct = default)
    {
        // Kept in the context: a handler that reads the spec and then resumes the task loads the instance row once.
        var stateJson = (await db.StepInstanceAsync(task.InstanceId, ct))?.StateJson;
        if (string.IsNullOrEmpty(stateJson)) return null;
        var state = WorkflowInstanceState.FromJson(stateJson);
        return state.Bookmarks.FirstOrDefault(b => b.Id == task.Id && b.Kind == BookmarkKind.Task)?.Task;
    }

    /// <summary>
    /// The seed of an application's panel draws: the first 8 bytes (big-endian) of SHA-256("panel\n{applicationId}").
    /// Derived, not random, so an auditor can re-run every draw from the recorded application id and pool.
    /// </summary>
    public static long PanelSeed(string applicationId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("panel\n" + applicationId));
        return BinaryPrimitives.ReadInt64BigEndian(digest);
    }

    /// <summary>The seed of a batch's spot-check lottery, derived from the batch id the same way.</summary>
    public static long SpotCheckSeed(string batchId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("spot-check\n" + batchId));
        return BinaryPrimitives.ReadInt64BigEndian(digest);
    }

    /// <summary>Titles of a tier's certificate numbers: CX (创新型), ZJTX (专精特新), XJR (小巨人); other tiers by their initials.</summary>
    public static string CertificatePrefix(string tier) => tier switch
    {
        "innovative" => "CX",
        "specialized" => "ZJTX",
        "little-giant" => "XJR",
        _ => string.Concat(tier.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]))),
    };

    /// <summary>The next free certificate number <c>{prefix}-{year}-{000001}</c>, counting titles added in this unit of work.</summary>
    /// <remarks>
    /// Numbers have six digits, so the highest is the last one of the range <c>{stem}000000…{stem}999999</c> on the unique
    /// index: one row read however many titles the year has. Past 999999 (seven digits no longer sort), every number of
    /// the stem is read instead.
    /// </remarks>
    public static async Task<string> NextCertificateNumberAsync(this CertificationDbContext db, string tier, int year, CancellationToken ct = default)
    {
        var stem = $"{CertificatePrefix(tier)}-{year:D4}-";
        // Several hosts certifying at once would read the same highest number: one at a time per stem until the commit.
        await db.LockUntilSavedAsync(StemKey(stem), ct);
        string low = stem + "000000", high = stem + "999999";
        var highest = await db.Titles
            .Where(t => string.Compare(t.CertificateNumber, low) >= 0 && string.Compare(t.CertificateNumber, high) <= 0)
            .OrderByDescending(t => t.CertificateNumber)
            .Select(t => t.CertificateNumber)
            .FirstOrDefaultAsync(ct);
        IEnumerable<string> stored = highest is null ? [] : [highest];
        if (highest == high)
            stored = await db.Titles.Where(t => t.CertificateNumber.StartsWith(stem)).Select(t => t.CertificateNumber).ToListAsync(ct);
        var local = db.Titles.Local.Select(t => t.CertificateNumber).Where(n => n.StartsWith(stem, StringComparison.Ordinal));
        var max = stored.Concat(local)
            .Where(n => n.StartsWith(stem, StringComparison.Ordinal))
            .Select(n => int.TryParse(n.AsSpan(stem.Length), out var seq) ? seq : 0)
            .DefaultIfEmpty(0)
            .Max();
        return $"{stem}{max + 1:D6}";
    }

    /// <summary>A stable 64-bit lock key for a certificate number stem (FNV-1a of its characters).</summary>
    private static long StemKey(string stem)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in "certificate-number:" + stem) hash = (hash ^ c) * 1099511628211UL;
        return unchecked((long)hash);
    }

    /// <summary>The valid titles an enterprise holds, as the profile's <c>titles</c> list expects them.</summary>
    public static async Task<List<Title>> ValidTitlesAsync(this CertificationDbContext db, string enterpriseId, CancellationToken ct = default) =>
        await db.Titles.Where(t => t.EnterpriseId == enterpriseId && t.Status == TitleStatus.Valid).ToListAsync(ct);
}

/// <summary>What the lifecycle reads of a frozen submission: its number, when it was made, and the evaluation made then.</summary>
public sealed record FrozenSubmission(int Version, DateTime SubmittedAt, string EvaluationJson)
{
    public static FrozenSubmission Of(ApplicationVersion version) => new(version.Version, version.SubmittedAt, version.EvaluationJson);
}
