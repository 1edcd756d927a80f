using Certification.Domain.Review;

namespace Certification.Domain.Tests.Review;

public class ExpertPanelDrawerTests
{
    private const string Applicant = "91330106MA2B123456";
    private const string ApplicantCounty = "330106"; // 杭州市西湖区
    private const string SameCityOtherCounty = "330108"; // 杭州市滨江区
    private const string OtherProvince = "320102";

    private static Expert E(
        string id,
        string field = "智能制造",
        string region = SameCityOtherCounty,
        bool active = true,
        string[]? related = null,
        string? employer = null) =>
        new(id, $"专家{id}", [field], region, active, related, employer);

    private static IEnumerable<Expert> Many(int count, string prefix = "E", string field = "智能制造") =>
        Enumerable.Range(1, count).Select(i => E($"{prefix}{i:00}", field));

    private static PanelDrawRequest Request(
        string applicationId = "APP-1",
        string tier = "specialized",
        long seed = 7,
        string[]? fields = null,
        int? size = null,
        string[]? excluded = null,
        bool allowSameCounty = false) => new()
        {
            ApplicationId = applicationId,
            TierCode = tier,
            EnterpriseCreditCode = Applicant,
            EnterpriseRegionCode = ApplicantCounty,
            RequiredFields = fields ?? ["智能制造"],
            PanelSize = size,
            ExcludedExpertIds = excluded ?? [],
            AllowSameCounty = allowSameCounty,
            Seed = seed,
        };

    private static ExpertPanel DrawOk(ExpertPanelDrawer drawer, PanelDrawRequest request)
    {
        var result = drawer.Draw(request);
        result.IsSuccess.Should().BeTrue(result.Failure?.Message);
        return result.Panel!;
    }

    [Theory]
    [InlineData("innovative", 3)]
    [InlineData("specialized", 3)]
    [InlineData("little-giant", 5)]
    public void A_panel_has_three_experts_by_default_and_five_for_little_giant(string tier, int size)
    {
        var panel = DrawOk(new ExpertPanelDrawer(Many(20)), Request(tier: tier));

        panel.Members.Should().HaveCount(size);
        panel.ExpertIds.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void An_explicit_panel_size_overrides_the_tier_default()
    {
        DrawOk(new ExpertPanelDrawer(Many(20)), Request(tier: "little-giant", size: 7)).Members.Should().HaveCount(7);
    }

    [Fact]
    public void The_same_seed_reproduces_the_same_panel_whatever_the_order_of_the_pool()
    {
        var pool = Many(30).ToList();
        var shuffled = pool.OrderBy(e => e.Id.GetHashCode(StringComparison.Ordinal)).Reverse().ToList();

        var first = DrawOk(new ExpertPanelDrawer(pool), Request(seed: 20250601));
        var again = DrawOk(new ExpertPanelDrawer(shuffled), Request(seed: 20250601));

        again.ExpertIds.Should().Equal(first.ExpertIds);
    }

    [Fact]
    public void Different_seeds_and_different_applications_give_different_panels()
    {
        var drawer = new ExpertPanelDrawer(Many(30));

        var bySeed = Enumerable.Range(1, 20)
            .Select(s => string.Join(",", DrawOk(drawer, Request(seed: s)).ExpertIds.Order()))
            .Distinct();
        var byApplication = Enumerable.Range(1, 20)
            .Select(a => string.Join(",", DrawOk(drawer, Request(applicationId: $"APP-{a}")).ExpertIds.Order()))
            .Distinct();

        bySeed.Should().HaveCountGreaterThan(15);
        byApplication.Should().HaveCountGreaterThan(15);
    }

    [Fact]
    public void The_rank_key_is_the_documented_hash_so_an_auditor_can_recompute_it()
    {
        // First 8 bytes of SHA-256("7\nAPP-1\nE01"), computed with sha256sum.
        ExpertPanelDrawer.RankKey(7, "APP-1", "E01").Should().Be(0x2a1a3e020aba013dUL);
    }

    [Fact]
    public void Draws_spread_over_the_whole_pool_and_no_expert_is_always_chosen()
    {
        var drawer = new ExpertPanelDrawer(Many(20));
        var counts = Enumerable.Range(1, 400)
            .SelectMany(a => DrawOk(drawer, Request(applicationId: $"APP-{a}", seed: 99)).ExpertIds)
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());

        // 400 panels × 3 seats over 20 experts: 60 seats each on average.
        counts.Should().HaveCount(20);
        counts.Values.Should().OnlyContain(n => n >= 35 && n <= 85);
    }

    [Fact]
    public void An_expert_employed_by_the_applicant_is_excluded_whatever_the_letter_case_of_the_code()
    {
        var pool = Many(3).Append(E("EMP", employer: Applicant.ToLowerInvariant()));

        var result = new ExpertPanelDrawer(pool).Draw(Request());

        result.Panel!.ExpertIds.Should().NotContain("EMP");
        result.Exclusions.Should().Equal(new Dictionary<ExclusionReason, int> { [ExclusionReason.SameEnterprise] = 1 });
    }

    [Fact]
    public void An_expert_who_declared_a_relationship_with_the_applicant_is_excluded()
    {
        var pool = Many(3).Append(E("REL", related: ["91110000100000000X", Applicant]));

        var result = new ExpertPanelDrawer(pool).Draw(Request());

        result.Panel!.ExpertIds.Should().NotContain("REL");
        result.Exclusions.Should().ContainKey(ExclusionReason.DeclaredRelationship).WhoseValue.Should().Be(1);
    }

    [Fact]
    public void An_expert_related_to_another_enterprise_may_sit()
    {
        var pool = new[] { E("E1", related: ["91110000100000000X"]), E("E2"), E("E3") };

        DrawOk(new ExpertPanelDrawer(pool), Request()).ExpertIds.Should().Contain("E1");
    }

    [Fact]
    public void An_expert_from_the_applicants_county_is_excluded_but_one_from_another_county_of_the_same_city_is_not()
    {
        var pool = new[] { E("LOCAL", region: ApplicantCounty), E("CITY", region: SameCityOtherCounty), E("FAR1", region: OtherProvince), E("FAR2", region: OtherProvince) };

        var result = new ExpertPanelDrawer(pool).Draw(Request());

        result.Panel!.ExpertIds.Should().BeEquivalentTo(["CITY", "FAR1", "FAR2"]);
        result.Exclusions[ExclusionReason.SameCounty].Should().Be(1);
    }

    [Fact]
    public void A_longer_statistical_code_is_compared_on_its_county_digits()
    {
        var pool = new[] { E("TOWN", region: ApplicantCounty + "001"), E("E2"), E("E3"), E("E4") };

        new ExpertPanelDrawer(pool).Draw(Request()).Panel!.ExpertIds.Should().NotContain("TOWN");
    }

    [Fact]
    public void Same_county_experts_may_sit_when_the_draw_allows_it()
    {
        var pool = new[] { E("LOCAL1", region: ApplicantCounty), E("LOCAL2", region: ApplicantCounty), E("LOCAL3", region: ApplicantCounty) };

        DrawOk(new ExpertPanelDrawer(pool), Request(allowSameCounty: true)).Members.Should().HaveCount(3);
    }

    [Fact]
    public void Inactive_experts_are_never_drawn()
    {
        var pool = Many(3).Append(E("OFF", active: false));

        var result = new ExpertPanelDrawer(pool).Draw(Request());

        result.Panel!.ExpertIds.Should().NotContain("OFF");
        result.Exclusions[ExclusionReason.Inactive].Should().Be(1);
    }

    [Fact]
    public void Experts_already_drawn_for_or_who_declined_the_application_are_not_drawn_again()
    {
        var result = new ExpertPanelDrawer(Many(5)).Draw(Request(excluded: ["E01", "E02"]));

        result.Panel!.ExpertIds.Should().BeEquivalentTo(["E03", "E04", "E05"]);
        result.Exclusions[ExclusionReason.AlreadyDrawnOrDeclined].Should().Be(2);
    }

    [Fact]
    public void Experts_in_the_required_field_come_first_and_others_only_fill_the_remaining_seats()
    {
        var pool = Many(2, "FIT").Concat(Many(10, "OTHER", field: "生物医药"));

        var panel = DrawOk(new ExpertPanelDrawer(pool), Request(fields: ["智能制造"]));

        panel.Members.Where(m => m.MatchesRequiredField).Select(m => m.Expert.Id).Should().BeEquivalentTo(["FIT01", "FIT02"]);
        panel.Members.Should().ContainSingle(m => !m.MatchesRequiredField).Which.Expert.Id.Should().StartWith("OTHER");
    }

    [Fact]
    public void Field_matching_ignores_letter_case_and_surrounding_blanks()
    {
        var pool = new[] { E("AI", field: "AI"), E("X1", field: "材料"), E("X2", field: "材料"), E("X3", field: "材料") };

        DrawOk(new ExpertPanelDrawer(pool), Request(fields: [" ai "])).ExpertIds.Should().Contain("AI");
    }

    [Fact]
    public void Each_required_field_gets_an_expert_before_a_field_gets_a_second_one()
    {
        var pool = Many(10, "MFG", field: "智能制造").Append(E("BIO", field: "生物医药"));

        var panel = DrawOk(new ExpertPanelDrawer(pool), Request(fields: ["智能制造", "生物医药"]));

        panel.ExpertIds.Should().Contain("BIO");
        panel.UncoveredFields.Should().BeEmpty();
        panel.Members.Should().OnlyContain(m => m.MatchesRequiredField);
    }

    [Fact]
    public void A_required_field_no_eligible_expert_covers_is_reported_as_uncovered()
    {
        var pool = Many(5).Append(E("BIO", field: "生物医药", region: ApplicantCounty));

        var panel = DrawOk(new ExpertPanelDrawer(pool), Request(fields: ["智能制造", "生物医药"]));

        panel.UncoveredFields.Should().Equal("生物医药");
    }

    [Fact]
    public void Too_few_eligible_experts_is_a_failure_naming_needed_available_and_exclusions()
    {
        var pool = new[]
        {
            E("E1"), E("E2"),
            E("OFF", active: false),
            E("LOCAL1", region: ApplicantCounty), E("LOCAL2", region: ApplicantCounty),
            E("EMP", employer: Applicant),
        };

        var result = new ExpertPanelDrawer(pool).Draw(Request(tier: "little-giant"));

        result.IsSuccess.Should().BeFalse();
        result.Panel.Should().BeNull();
        result.Failure!.Needed.Should().Be(5);
        result.Failure.Available.Should().Be(2);
        result.Failure.PoolSize.Should().Be(6);
        result.Failure.Exclusions.Should().Equal(new Dictionary<ExclusionReason, int>
        {
            [ExclusionReason.Inactive] = 1,
            [ExclusionReason.SameEnterprise] = 1,
            [ExclusionReason.SameCounty] = 2,
        });
        result.Failure.Message.Should().Be(
            "可抽取的专家不足：需要 5 名，符合条件的仅 2 名（专家库共 6 名）。"
            + "已排除：专家未处于可用状态 1 名；任职于申报企业 1 名；与申报企业属同一县（区） 2 名。");
    }

    [Fact]
    public void An_expert_excluded_for_several_reasons_is_counted_once_under_the_first()
    {
        var pool = Many(3).Append(E("X", active: false, region: ApplicantCounty, employer: Applicant));

        var result = new ExpertPanelDrawer(pool).Draw(Request());

        result.Exclusions.Should().Equal(new Dictionary<ExclusionReason, int> { [ExclusionReason.Inactive] = 1 });
        result.Exclusions.Values.Sum().Should().Be(1);
    }

    [Fact]
    public void A_pool_with_a_repeated_expert_id_is_refused()
    {
        var act = () => new ExpertPanelDrawer([E("E1"), E("E1")]);

        act.Should().Throw<ArgumentException>().WithMessage("*E1*");
    }

    [Theory]
    [InlineData("33010")]
    [InlineData("33O106")]
    [InlineData("")]
    public void A_malformed_region_code_is_refused(string code)
    {
        ((Action)(() => E("E1", region: code))).Should().Throw<ArgumentException>();
        var request = Request() with { EnterpriseRegionCode = code };
        ((Action)(() => new ExpertPanelDrawer(Many(5)).Draw(request))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Replace_puts_a_substitute_in_the_declined_experts_seat_and_records_the_decline()
    {
        var drawer = new ExpertPanelDrawer(Many(10));
        var panel = DrawOk(drawer, Request());
        var declined = panel.Members[1].Expert.Id;

        var result = drawer.Replace(panel, declined, "时间冲突");

        result.IsSuccess.Should().BeTrue();
        var ids = result.Panel!.ExpertIds.ToList();
        ids.Should().HaveCount(3).And.OnlyHaveUniqueItems().And.NotContain(declined);
        ids[0].Should().Be(panel.Members[0].Expert.Id);
        ids[2].Should().Be(panel.Members[2].Expert.Id);
        ids[1].Should().Be(result.Substitute!.Expert.Id);
        result.Panel.Declines.Should().Equal(new PanelDecline(declined, "时间冲突", result.Substitute.Expert.Id));
        panel.Members[1].Expert.Id.Should().Be(declined, "the original panel is left as it was");
    }

    [Fact]
    public void Replace_is_reproducible()
    {
        var drawer = new ExpertPanelDrawer(Many(10));
        var panel = DrawOk(drawer, Request());

        var first = drawer.Replace(panel, panel.Members[0].Expert.Id, "回避");
        var again = drawer.Replace(panel, panel.Members[0].Expert.Id, "回避");

        again.Substitute!.Expert.Id.Should().Be(first.Substitute!.Expert.Id);
    }

    [Fact]
    public void Replace_never_brings_back_an_expert_who_declined_earlier()
    {
        var drawer = new ExpertPanelDrawer(Many(5));
        var panel = DrawOk(drawer, Request());
        var firstDecliner = panel.Members[0].Expert.Id;
        var once = drawer.Replace(panel, firstDecliner, "出差").Panel!;

        var twice = drawer.Replace(once, once.Members[1].Expert.Id, "身体原因");

        twice.Panel!.ExpertIds.Should().NotContain(firstDecliner);
        twice.Panel.Declines.Should().HaveCount(2);
    }

    [Fact]
    public void Replace_applies_the_same_conflict_rules()
    {
        var pool = new[] { E("E1"), E("E2"), E("E3"), E("E4"), E("LOCAL", region: ApplicantCounty), E("REL", related: [Applicant]) };
        var drawer = new ExpertPanelDrawer(pool);
        var panel = DrawOk(drawer, Request());
        var spare = new[] { "E1", "E2", "E3", "E4" }.Except(panel.ExpertIds).Single();

        var result = drawer.Replace(panel, panel.Members[0].Expert.Id, "回避");

        result.Substitute!.Expert.Id.Should().Be(spare);
        result.Exclusions.Should().ContainKeys(ExclusionReason.SameCounty, ExclusionReason.DeclaredRelationship);
    }

    [Fact]
    public void Replace_prefers_an_expert_in_the_field_only_the_decliner_covered()
    {
        var pool = Many(6, "MFG", field: "智能制造").Append(E("BIO1", field: "生物医药")).Append(E("BIO2", field: "生物医药"));
        var drawer = new ExpertPanelDrawer(pool);
        var panel = DrawOk(drawer, Request(fields: ["智能制造", "生物医药"]));
        var bio = panel.Members.Single(m => m.Expert.Id.StartsWith("BIO", StringComparison.Ordinal)).Expert.Id;

        var result = drawer.Replace(panel, bio, "回避");

        result.Substitute!.Expert.Id.Should().StartWith("BIO").And.NotBe(bio);
    }

    [Fact]
    public void Replace_fails_with_the_exclusion_counts_when_no_substitute_is_eligible()
    {
        var drawer = new ExpertPanelDrawer([E("E1"), E("E2"), E("E3"), E("OFF", active: false)]);
        var panel = DrawOk(drawer, Request());

        var result = drawer.Replace(panel, "E2", "回避");

        result.IsSuccess.Should().BeFalse();
        result.Failure!.Needed.Should().Be(1);
        result.Failure.Available.Should().Be(0);
        result.Failure.Exclusions.Should().Equal(new Dictionary<ExclusionReason, int>
        {
            [ExclusionReason.Inactive] = 1,
            [ExclusionReason.OnCurrentPanel] = 2,
            [ExclusionReason.AlreadyDrawnOrDeclined] = 1,
        });
        result.Failure.Message.Should().Contain("需要 1 名，符合条件的仅 0 名");
    }

    [Fact]
    public void Replace_needs_a_member_of_the_panel_and_a_reason()
    {
        var drawer = new ExpertPanelDrawer(Many(5));
        var panel = DrawOk(drawer, Request());

        ((Action)(() => drawer.Replace(panel, "NOBODY", "回避"))).Should().Throw<ArgumentException>();
        ((Action)(() => drawer.Replace(panel, panel.Members[0].Expert.Id, " "))).Should().Throw<ArgumentException>();
    }
}
