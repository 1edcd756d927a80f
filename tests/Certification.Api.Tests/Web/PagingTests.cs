using Certification.Api.Web;

namespace Certification.Api.Tests.Web;

public sealed class PagingTests
{
    private static readonly IReadOnlyList<int> FortyFive = Enumerable.Range(1, 45).ToList();

    [Fact]
    public void A_long_list_is_cut_into_pages_of_twenty()
    {
        var page = Pager.Cut(FortyFive, 2);

        page.Items.Should().Equal(Enumerable.Range(21, 20));
        page.PageCount.Should().Be(3);
        page.Total.Should().Be(45);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(99, 3)]
    public void A_page_number_out_of_range_shows_the_nearest_page(int asked, int shown) =>
        Pager.Cut(FortyFive, asked).Page.Should().Be(shown);

    [Fact]
    public void An_empty_list_has_one_empty_page() =>
        Pager.Cut<int>([], 3).Should().BeEquivalentTo(new { Page = 1, PageCount = 1, Total = 0, Items = Array.Empty<int>() });
}
