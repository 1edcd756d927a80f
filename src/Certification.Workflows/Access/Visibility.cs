using Certification.Domain.Applications;
using Certification.Domain.Batches;
using Certification.Domain.Dynamic;
using Certification.Domain.Enterprises;
using Certification.Domain.Publicity;
using Certification.Domain.Review;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Access;

/// <summary>
/// Which rows a caller reaches. Administrators (and <see cref="Caller.System"/>) read everything; an enterprise
/// account only its own enterprise; reviewers and regulators only their region prefix, reviewers moreover only
/// applications that have reached their stage; an expert only applications and panel tasks it holds a seat on.
/// Queries are filtered in the database; a single row outside the scope is reported as not found (404), so that a
/// caller cannot probe for what exists.
/// </summary>
public static class Visibility
{
    /// <summary>Review steps of the preliminary stage (city, or the province for little giants) and of the formal stage.</summary>
    public static readonly string[] PreliminaryActivities = ["Certification.PreliminaryReview", "Certification.Recommend"];

    /// <summary>The formal (provincial) stage also confirms re-evaluations and re-checks reported major changes.</summary>
    public static readonly string[] FormalActivities =
    [
        "Certification.FormalReview", "Certification.SpotCheck", "Certification.Publicity",
        "Certification.ConfirmReEvaluation", "Certification.ChangeReview",
    ];

    public static string[] ActivitiesOf(string? stage) => stage switch
    {
        Roles.Stages.Preliminary => PreliminaryActivities,
        Roles.Stages.Formal => FormalActivities,
        _ => [],
    };

    public static bool SeesAll(this Caller caller) => caller.IsSystem || caller.Is(Roles.Admin);

    private static bool IsRegional(this Caller caller) => caller.Is(Roles.Reviewer) || caller.Is(Roles.Regulator);

    public static IQueryable<Enterprise> VisibleTo(this IQueryable<Enterprise> query, Caller caller)
    {
        if (caller.SeesAll()) return query;
        if (caller.Is(Roles.Enterprise))
        {
            var own = caller.EnterpriseId ?? "";
            return query.Where(e => e.Id == own);
        }
        if (caller.IsRegional())
        {
            var prefix = caller.RegionPrefix;
            return prefix.Length == 0 ? query : query.Where(e => e.RegionCode.StartsWith(prefix));
        }
        return query.Where(e => false);
    }

    public static IQueryable<Application> VisibleTo(this IQueryable<Application> query, Caller caller, CertificationDbContext db)
    {
        if (caller.SeesAll()) return query;
        var prefix = caller.RegionPrefix;
        if (caller.Is(Roles.Enterprise))
        {
            var own = caller.EnterpriseId ?? "";
            return query.Where(a => a.EnterpriseId == own);
        }
        if (caller.Is(Roles.Expert))
        {
            var expert = caller.ExpertId ?? "";
            return query.Where(a => db.ExpertAssignments.Any(s =>
                s.ApplicationId == a.Id && s.ExpertId == expert && s.Status != ExpertAssignmentStatus.Declined));
        }
        if (!caller.IsRegional()) return query.Where(a => false);
        if (prefix.Length > 0) query = query.Where(a => a.RegionCode.StartsWith(prefix));
        if (caller.Is(Roles.Regulator)) return query;
        // A reviewer sees what has reached its stage: the preliminary stage every submitted dossier, the formal stage
        // those the preliminary stage passed on to it.
        if (caller.ReviewStage == Roles.Stages.Preliminary) return query.Where(a => a.SubmittedAt != null);
        var stageTypes = ActivitiesOf(caller.ReviewStage);
        return query.Where(a => db.HumanTasks.Any(t => t.CorrelationId == a.Id && stageTypes.Contains(t.ActivityType)));
    }

    public static IQueryable<HumanTaskRecord> VisibleTo(this IQueryable<HumanTaskRecord> query, Caller caller, CertificationDbContext db)
    {
        if (caller.SeesAll()) return query;
        var prefix = caller.RegionPrefix;
        if (caller.Is(Roles.Expert))
        {
            var expert = caller.ExpertId ?? "";
            return query.Where(t => db.ExpertAssignments.Any(s =>
                s.PanelTaskId == t.Id && s.ExpertId == expert && s.Status != ExpertAssignmentStatus.Declined));
        }
        if (!caller.IsRegional()) return query.Where(t => false);
        if (prefix.Length > 0) query = query.Where(t => t.Region != null && t.Region.StartsWith(prefix));
        if (caller.Is(Roles.Regulator)) return query;
        var stageTypes = ActivitiesOf(caller.ReviewStage);
        return query.Where(t => stageTypes.Contains(t.ActivityType));
    }

    /// <summary>Batches whose region overlaps the caller's scope (a province's batch for a city reviewer, and the reverse).</summary>
    public static IQueryable<Batch> VisibleTo(this IQueryable<Batch> query, Caller caller)
    {
        if (!caller.IsRegional() || caller.RegionPrefix.Length == 0) return query;
        var prefix = caller.RegionPrefix;
        var wider = Enumerable.Range(0, prefix.Length + 1).Select(n => prefix[..n]).ToList();
        return query.Where(b => b.RegionPrefix.StartsWith(prefix) || wider.Contains(b.RegionPrefix));
    }

    public static IQueryable<Objection> VisibleTo(this IQueryable<Objection> query, Caller caller, CertificationDbContext db)
    {
        if (caller.SeesAll()) return query;
        var applications = db.Applications.VisibleTo(caller, db);
        return query.Where(o => applications.Any(a => a.Id == o.ApplicationId));
    }

    public static IQueryable<ExpertRecord> VisibleTo(this IQueryable<ExpertRecord> query, Caller caller)
    {
        if (caller.SeesAll()) return query;
        if (caller.Is(Roles.Expert))
        {
            var own = caller.ExpertId ?? "";
            return query.Where(e => e.Id == own);
        }
        if (!caller.Is(Roles.Regulator)) return query.Where(e => false);
        var prefix = caller.RegionPrefix;
        return prefix.Length == 0 ? query : query.Where(e => e.RegionCode.StartsWith(prefix));
    }

    public static IQueryable<ExpertAssignment> VisibleTo(this IQueryable<ExpertAssignment> query, Caller caller)
    {
        if (caller.SeesAll()) return query;
        if (!caller.Is(Roles.Expert)) return query.Where(s => false);
        var own = caller.ExpertId ?? "";
        return query.Where(s => s.ExpertId == own);
    }

    /// <summary>
    /// Dynamic-management rows (re-evaluations, change reports, annual updates): the enterprise sees its own, reviewers
    /// and regulators those of their region, administrators all; experts none.
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Caller caller) where T : class, IEnterpriseRecord
    {
        if (caller.SeesAll()) return query;
        if (caller.Is(Roles.Enterprise))
        {
            var own = caller.EnterpriseId ?? "";
            return query.Where(r => r.EnterpriseId == own);
        }
        if (!caller.IsRegional()) return query.Where(r => false);
        var prefix = caller.RegionPrefix;
        return prefix.Length == 0 ? query : query.Where(r => r.RegionCode.StartsWith(prefix));
    }

    /// <summary>403 for a reviewer of another stage: the formal (provincial) stage decides re-evaluations, change re-checks and revocations.</summary>
    public static void EnsureFormalStageOfficer(this Caller caller, string what)
    {
        if (caller.Is(Roles.Reviewer) && caller.ReviewStage != Roles.Stages.Formal)
            throw new ForbiddenException($"{what}由审核环节（省级）的审核人员办理。");
    }

    /// <summary>The region prefix an export or statistic may cover: the requested one narrowed to the caller's scope.</summary>
    /// <returns>null when the requested region lies outside the scope altogether.</returns>
    public static string? NarrowRegion(this Caller caller, string? requested)
    {
        var scope = caller.SeesAll() ? "" : caller.RegionPrefix;
        var wanted = requested?.Trim() ?? "";
        if (wanted.StartsWith(scope, StringComparison.Ordinal)) return wanted;
        if (scope.StartsWith(wanted, StringComparison.Ordinal)) return scope;
        return null;
    }

    /// <summary>404, as if it did not exist, unless the caller may see the application.</summary>
    public static async Task EnsureVisibleAsync(this CertificationDbContext db, Caller caller, string applicationId, CancellationToken ct)
    {
        if (caller.SeesAll()) return;
        if (!await db.Applications.AsNoTracking().VisibleTo(caller, db).AnyAsync(a => a.Id == applicationId, ct))
            throw new NotFoundException($"申请 {applicationId} 不存在");
    }
}
