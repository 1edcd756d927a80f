using Certification.Api.Web;
using Certification.Domain.Criteria;
using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.Evaluations;
using Microsoft.AspNetCore.Mvc;

namespace Certification.Api.Pages.Enterprise;

/// <summary>
/// The saved profile evaluated against every tier (the ladder, with the titles of the register, as a submission
/// would), and one tier indicator by indicator with its reasons and what would raise each score.
/// </summary>
public sealed class SelfAssessmentModel(CriteriaCatalog catalog) : EnterprisePage
{
    public sealed record Rung(string Code, string Name, Evaluation Evaluation);

    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }

    public IReadOnlyList<Rung> Ladder { get; private set; } = [];
    public Evaluation Selected { get; private set; } = null!;
    public string CriteriaTitle => catalog.Default.Definition.Title ?? catalog.Default.Version;
    public string? WithinReach { get; private set; }
    public string NextStep { get; private set; } = "";

    public string? Advice(IndicatorScore score) => Improvement.Of(catalog.Default, Selected.Tier, score);

    public async Task OnGetAsync()
    {
        var profile = await SendAsync(new GetEnterpriseProfile(EnterpriseId));
        var titles = await SendAsync(new ListEnterpriseTitles(EnterpriseId));
        profile = profile with
        {
            Titles = titles.Where(t => t.ValidToday).Select(t => (HeldTitle?)new HeldTitle { Tier = t.Tier, ValidUntil = t.ValidUntil }).ToList(),
        };
        var rungs = new List<Rung>();
        foreach (var tier in catalog.Default.Tiers)
            rungs.Add(new Rung(tier.Code, tier.Name, await SendAsync(new EvaluateEnterprise(tier.Code, profile))));
        Ladder = rungs;
        Tier = rungs.Any(r => r.Code == Tier) ? Tier : rungs[0].Code;
        Selected = rungs.First(r => r.Code == Tier).Evaluation;

        var held = titles.Where(t => t.ValidToday).Select(t => t.Tier).ToHashSet();
        var reachable = rungs.LastOrDefault(r => r.Evaluation.Eligible && !held.Contains(r.Code));
        WithinReach = reachable?.Name;
        var above = reachable is null ? null : rungs.SkipWhile(r => r != reachable).Skip(1).FirstOrDefault();
        NextStep = above is null ? "" : $"再往上一级“{above.Name}”还需：{string.Join("；", above.Evaluation.Failed.Take(3).Select(f => f.Reason))}。";
    }
}
