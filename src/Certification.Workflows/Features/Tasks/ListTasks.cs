using Certification.Domain.Review;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Tasks;

/// <summary>
/// The task inbox, ordered by due date (tasks without one last). <paramref name="Region"/> is a prefix of the
/// task's region ("33" lists a whole province, "3301" a city). <paramref name="Status"/> defaults to <c>Open</c>;
/// <c>All</c> lists every status. <paramref name="Mine"/>: tasks assigned to the signed-in user
/// <paramref name="Actor"/>, and expert-panel tasks on which the caller's expert record (or the expert whose user name
/// is <paramref name="Actor"/>) holds a seat. Whatever the filters, a caller sees only the tasks of its scope.
/// </summary>
[AllowedCallers(Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator)]
public sealed record ListTasks(
    string? Role = null,
    string? Region = null,
    string? Status = null,
    string? FormKey = null,
    bool Mine = false,
    string? Assignee = null,
    string? Actor = null,
    int? Limit = null) : IRequest<IReadOnlyList<TaskView>>;

public sealed class ListTasksValidator : IRequestValidator<ListTasks>
{
    public static readonly string[] Statuses = [HumanTaskStatus.Open, HumanTaskStatus.Completed, HumanTaskStatus.Cancelled, "All"];

    public IEnumerable<FieldError> Validate(ListTasks request)
    {
        if (request.Status is { Length: > 0 } s && !Statuses.Contains(s, StringComparer.OrdinalIgnoreCase))
            yield return new FieldError("status", $"任务状态只能是 {string.Join("、", Statuses)}");
        if (request.Mine && (string.IsNullOrWhiteSpace(request.Actor) || request.Actor == Caller.AnonymousRole))
            yield return new FieldError("mine", "查看“我的任务”需要先登录");
        if (request.Region is { Length: > 0 } r && (r.Length > 12 || !r.All(char.IsAsciiDigit)))
            yield return new FieldError("region", "地区须为行政区划代码（或其前缀），只含数字");
        if (request.Limit is < 1 or > 500)
            yield return new FieldError("limit", "每次最多列出 1–500 条");
    }
}

public sealed class ListTasksHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<ListTasks, IReadOnlyList<TaskView>>
{
    public async Task<IReadOnlyList<TaskView>> Handle(ListTasks request, CancellationToken ct)
    {
        var query = db.HumanTasks.AsNoTracking().VisibleTo(callers.Current, db);
        var status = string.IsNullOrWhiteSpace(request.Status) ? HumanTaskStatus.Open
            : ListTasksValidator.Statuses.First(s => string.Equals(s, request.Status, StringComparison.OrdinalIgnoreCase));
        if (status != "All") query = query.Where(t => t.Status == status);
        if (!string.IsNullOrWhiteSpace(request.Role)) query = query.Where(t => t.Role == request.Role);
        if (!string.IsNullOrWhiteSpace(request.FormKey)) query = query.Where(t => t.FormKey == request.FormKey);
        if (!string.IsNullOrWhiteSpace(request.Assignee)) query = query.Where(t => t.Assignee == request.Assignee);
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            var region = request.Region;
            query = query.Where(t => t.Region != null && t.Region.StartsWith(region));
        }
        if (request.Mine)
        {
            var actor = request.Actor!;
            var expertId = callers.Current.ExpertId ?? "";
            var seatTasks = db.ExpertAssignments
                .Where(a => a.Status != ExpertAssignmentStatus.Declined
                            && (a.ExpertId == expertId || db.Experts.Any(e => e.Id == a.ExpertId && e.UserName == actor)))
                .Select(a => a.PanelTaskId);
            query = query.Where(t => t.Assignee == actor || seatTasks.Contains(t.Id));
        }

        var tasks = await query
            .OrderBy(t => t.DueAt == null)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.CreatedAt)
            .ThenBy(t => t.Id)
            .Take(request.Limit ?? 200)
            .ToListAsync(ct);
        return await TaskViews.BuildAsync(db, tasks, ct);
    }
}
