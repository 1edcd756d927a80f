using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Domain.Review;
using Certification.Workflows.Features.Lifecycle;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime;
using Certification.Workflows.Runtime.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Experts;

/// <summary>
/// An expert submits the score sheet of a seat. Indicators the expert leaves out keep their computed score
/// ("checked, agreed"); one that needs judgement must be scored; a departure from a computed score needs a comment.
/// When every seat of the panel that has not declined has submitted, the panel's totals are aggregated
/// (<see cref="PanelScoreAggregator"/>), the application's expert score and a decision with the figures are
/// recorded, and the panel task resumes with Passed / Failed / Divergent — in the same commit as the last sheet.
/// Each submission touches the application row, so two experts submitting at once are serialised (one may get
/// 409 and simply submits again): the last sheet always sees all the others.
/// </summary>
[AllowedCallers(Roles.Expert)]
public sealed record SubmitScores(string AssignmentId, IReadOnlyList<IndicatorScoreInput>? Indicators) : IRequest<ScoreSubmission>;

public sealed record IndicatorScoreInput(string? Code, decimal? Score, string? Comment);

public sealed record ScoreSubmission(string AssignmentId, string Status, decimal Total, bool PanelComplete, string? PanelOutcome, decimal? PanelScore);

public sealed class SubmitScoresValidator : IRequestValidator<SubmitScores>
{
    public IEnumerable<FieldError> Validate(SubmitScores request)
    {
        if (request.Indicators is null)
        {
            yield return new FieldError("indicators", "请提交各指标评分（indicators）");
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Indicators.Count; i++)
        {
            var item = request.Indicators[i];
            if (item is null || string.IsNullOrWhiteSpace(item.Code))
                yield return new FieldError($"indicators[{i}].code", "缺少指标代码");
            else if (!seen.Add(item.Code.Trim()))
                yield return new FieldError($"indicators[{i}].code", $"指标 {item.Code} 重复");
            if (item is { Score: null })
                yield return new FieldError($"indicators[{i}].score", "缺少评分");
            if (item?.Comment is { Length: > 500 })
                yield return new FieldError($"indicators[{i}].comment", "说明不超过 500 个字符");
        }
    }
}

public sealed class SubmitScoresHandler(CertificationDbContext db, WorkflowRuntime runtime, TimeProvider clock, CallerContext callers)
    : IRequestHandler<SubmitScores, ScoreSubmission>
{
    public async Task<ScoreSubmission> Handle(SubmitScores request, CancellationToken ct)
    {
        // The seat with the rest of its panel, the panel task and the application, in one read: the other seats decide
        // whether this sheet completes the panel, and the application is touched below.
        var panelOfSeat = db.ExpertAssignments.VisibleTo(callers.Current).Where(a => a.Id == request.AssignmentId).Select(a => a.PanelTaskId);
        var panel = await (
                from a in db.ExpertAssignments
                where panelOfSeat.Contains(a.PanelTaskId)
                join t in db.HumanTasks on a.PanelTaskId equals t.Id
                join x in db.Applications on a.ApplicationId equals x.Id into applications
                from x in applications.DefaultIfEmpty()
                select new { Seat = a, Task = t, Application = x })
            .ToListAsync(ct);
        var mine = panel.FirstOrDefault(p => p.Seat.Id == request.AssignmentId)
                   ?? throw new NotFoundException($"评审席位 {request.AssignmentId} 不存在");
        var seat = mine.Seat;
        if (seat.Status != ExpertAssignmentStatus.Assigned)
            throw new ConflictException(seat.Status == ExpertAssignmentStatus.Submitted
                ? $"该席位已于 {LifecycleText.BeijingTime(seat.SubmittedAt!.Value)}（北京时间）提交评分，不能重复提交。"
                : "该席位已回避，不能提交评分。");
        var task = mine.Task;
        if (task.Status != HumanTaskStatus.Open) throw new ConflictException("该专家评审已结束，不能再提交评分。");
        var application = mine.Application
                          ?? throw new NotFoundException($"申请 {seat.ApplicationId} 不存在");

        // The sheet: the frozen evaluation's indicators, the expert's scores, and the computed ones confirmed.
        var indicators = ScoreSheets.Blank(LifecycleData.ReadEvaluation((await db.LatestSubmissionAsync(application, ct))?.EvaluationJson)).ToList();
        for (var i = 0; i < request.Indicators!.Count; i++)
        {
            var input = request.Indicators[i];
            var index = indicators.FindIndex(x => x.Code == input.Code!.Trim());
            if (index < 0)
                throw new RequestValidationException($"indicators[{i}].code",
                    $"评分表中没有指标 {input.Code}，可评指标：{string.Join("、", indicators.Select(x => x.Code))}");
            indicators[index] = indicators[index] with
            {
                Score = input.Score,
                Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim(),
            };
        }
        indicators = indicators.Select(x => x.Score is null && x.ComputedScore is { } computed ? x with { Score = computed } : x).ToList();
        var sheet = ScoreSheets.ToDomain(seat.ExpertId, indicators);
        var errors = sheet.Validate();
        if (errors.Count > 0) throw new RequestValidationException(errors.Select(e => new FieldError("indicators", e)).ToList());

        var now = clock.GetUtcNow().UtcDateTime;
        seat.Submit(ScoreSheets.Serialize(indicators), sheet.Total, now);
        // Touch the application (its revision is a concurrency token) so that concurrent sheets of one panel serialise.
        application.MoveTo(application.Status);

        var seats = panel.Select(p => p.Seat).Where(a => a.Status != ExpertAssignmentStatus.Declined).ToList();
        // Only the last sheet needs the panel size, which lives in the instance's state (a large row).
        if (seats.Any(a => a.Status != ExpertAssignmentStatus.Submitted))
            return await SavedAsync(seat, sheet.Total, ct);
        var spec = await db.OpenTaskSpecAsync(task, ct);
        var panelSize = Int(spec?.Data, "panelSize") ?? seats.Count;
        if (seats.Count < panelSize) return await SavedAsync(seat, sheet.Total, ct);

        var settings = new ScoreAggregationSettings(Dec(spec?.Data, "passScore") ?? 60m, Dec(spec?.Data, "divergenceThreshold") ?? 15m);
        var result = PanelScoreAggregator.Aggregate(seats.Select(a => a.Total!.Value).ToList(), panelSize, settings);
        if (!result.IsSuccess) throw new ConflictException($"专家评分无法汇总：{result.Error}");
        var score = result.Score;
        var outcome = score.Outcome.ToString();
        application.RecordExpertScore(score.DisplayScore);
        db.ReviewDecisions.Add(new ReviewDecision(application.Id, task.Title, outcome, Explain(score, panelSize, settings), LifecycleData.PanelActor, now));

        var payload = new JsonObject { ["outcome"] = outcome, ["score"] = score.DisplayScore, ["spread"] = score.Spread };
        var answer = await runtime.ResumeAsync(task.Id, payload, LifecycleData.PanelActor, ct);
        if (!answer.Applied) throw new ConflictException(answer.Message ?? "该专家评审已结束，不能再提交评分。");
        return new ScoreSubmission(seat.Id, seat.Status, sheet.Total, true, outcome, score.DisplayScore);
    }

    private async Task<ScoreSubmission> SavedAsync(ExpertAssignment seat, decimal total, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        return new ScoreSubmission(seat.Id, seat.Status, total, false, null, null);
    }

    /// <summary>The panel's figures in words, shown to the applicant: never who scored what.</summary>
    private static string Explain(PanelScore score, int panelSize, ScoreAggregationSettings settings)
    {
        var n = LifecycleText.Number;
        var trimmed = score.DroppedHighest is not null ? "（去掉一个最高分和一个最低分）" : "";
        return score.Outcome switch
        {
            PanelOutcome.Divergent =>
                $"专家组 {panelSize} 人评分分歧较大：最高分与最低分相差 {n(score.Spread)} 分，超过 {n(settings.DivergenceThreshold)} 分，需专家组长裁定或重新评分",
            PanelOutcome.Passed => $"专家组 {panelSize} 人评审{trimmed}平均 {n(score.DisplayScore)} 分，达到 {n(settings.PassScore)} 分",
            _ => $"专家组 {panelSize} 人评审{trimmed}平均 {n(score.DisplayScore)} 分，低于 {n(settings.PassScore)} 分",
        };
    }

    private static int? Int(JsonObject? data, string name) =>
        data?[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static decimal? Dec(JsonObject? data, string name) =>
        data?[name] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;
}
