using Certification.Api.Tests.Lifecycle;
using Certification.Domain.Titles;
using Certification.Domain.Time;
using Certification.Workflows.Features.AnnualUpdates;
using Certification.Workflows.Features.ChangeReports;
using Certification.Workflows.Features.ReEvaluations;
using Certification.Workflows.Mediation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using static Certification.Api.Tests.Dynamic.DynamicScenario;

namespace Certification.Api.Tests.Dynamic;

/// <summary>The officers' lists (re-evaluations, watch list, change reports) come a page at a time in their order, with the count of all.</summary>
public sealed class OfficerListPagingTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    [Fact]
    public async Task Re_evaluations_the_watch_list_and_change_reports_are_cut_into_pages_in_their_order_with_the_count_of_all()
    {
        // Five holders whose titles end on five successive days, each with yearly data below its tier and a reported change.
        var titles = new List<Title>();
        for (var day = 1; day <= 5; day++)
        {
            var (enterprise, title) = await HolderAsync(_s, InnovativeCase, "innovative", new DateOnly(2025, 6, day));
            titles.Add(title);
            var profile = CaseProfile(InnovativeCase);
            await Send(new SubmitAnnualUpdate(enterprise.Id, 2025, profile with { Compliance = profile.Compliance! with { SeriousDishonestyList = true } }, "holder"));
            await Send(new ReportChange(enterprise.Id, "rename", ChinaTime.Today(_s.Clock), "企业名称变更。", "holder"));
        }
        (await AdvanceToAsync(_s, Beijing(2028, 3, 10))).Should().Be(5, "all five come within the re-evaluation lead");

        var second = await Send(new ListReEvaluations(ListReEvaluations.Open, Page: 2, PageSize: 2));
        second.Should().BeEquivalentTo(new { Page = 2, PageSize = 2, Total = 5 });
        second.Items.Select(r => r.TitleId).Should().Equal(titles[2].Id, titles[3].Id);
        var pastTheEnd = await Send(new ListReEvaluations(Page: 9, PageSize: 2));
        pastTheEnd.Page.Should().Be(3, "a page past the last shows the last");
        pastTheEnd.Items.Select(r => r.TitleId).Should().Equal(titles[4].Id);
        (await Send(new ListReEvaluations(ListReEvaluations.Closed))).Total.Should().Be(0);
        (await Send(new ListReEvaluations(TitleIds: [titles[1].Id, titles[4].Id]))).Items.Select(r => r.TitleId).Should().Equal(titles[1].Id, titles[4].Id);

        var watched = await Send(new GetWatchList("33", Page: 2, PageSize: 2));
        watched.Total.Should().Be(5);
        watched.Items.Select(w => w.EnterpriseId).Should().Equal(titles[2].EnterpriseId, titles[3].EnterpriseId);

        var all = (await Send(new ListChangeReports())).Items.Select(r => r.Id).ToList();
        all.Should().HaveCount(5);
        var paged = new List<string>();
        for (var page = 1; page <= 3; page++) paged.AddRange((await Send(new ListChangeReports(Page: page, PageSize: 2))).Items.Select(r => r.Id));
        paged.Should().Equal(all);

        await FluentActions.Awaiting(() => Send(new ListReEvaluations(PageSize: Paging.MaxPageSize + 1))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => Send(new GetWatchList(Page: 0))).Should().ThrowAsync<RequestValidationException>();
    }

    private Task<T> Send<T>(IRequest<T> request) => _s.InScope(sp => sp.GetRequiredService<IMediator>().Send(request));

    public void Dispose() => _s.Dispose();
}
