using Certification.Domain.Criteria.Measures;

namespace Certification.Domain.Criteria.Definitions;

/// <summary>
/// Checks what JSON deserialisation cannot: known measures, operators fitting the measure, bands that make sense,
/// unique codes, dimension maxima adding up. Everything a wrong criteria file could get wrong fails here, at load.
/// </summary>
internal sealed class DefinitionValidator(string sourceName)
{
    private static readonly HashSet<string> Operators = [">=", ">", "<=", "<", "==", "!=", "in", "notIn", "exists"];
    private static readonly HashSet<string> Reserved =
        [Scoring.TierEvaluation.ScoreCode, Scoring.TierEvaluation.PrerequisiteCode, Scoring.TierEvaluation.DirectCode];
    private const int MaxYearOffset = 10;

    public void Validate(CriteriaDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.Version) || definition.Version.Any(char.IsWhiteSpace))
        {
            throw Error("$.version", "版本号不能为空或包含空白");
        }
        if (definition.Tiers.Count == 0)
        {
            throw Error("$.tiers", "至少需要定义一个层级");
        }

        var generalCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.GeneralConditions.Count; i++)
        {
            TopCondition(definition.GeneralConditions[i], $"$.generalConditions[{i}]", generalCodes);
        }

        var tierCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Tiers.Count; i++)
        {
            var tier = definition.Tiers[i];
            var path = $"$.tiers[{i}]";
            Require(!string.IsNullOrWhiteSpace(tier.Code), $"{path}.code", "层级缺少 code");
            Require(tierCodes.Add(tier.Code), $"{path}.code", $"层级“{tier.Code}”重复");
            Tier(tier, path, new HashSet<string>(generalCodes, StringComparer.Ordinal));
        }

        for (var i = 0; i < definition.Tiers.Count; i++)
        {
            Ladder(definition, definition.Tiers[i], $"$.tiers[{i}].prerequisite");
        }
    }

    private void Tier(TierDefinition tier, string path, HashSet<string> codes)
    {
        Require(!string.IsNullOrWhiteSpace(tier.Name), $"{path}.name", $"层级“{tier.Code}”缺少中文名称");
        Require(tier.ValidityYears > 0, $"{path}.validityYears", "有效期（年）必须大于0");
        TopConditions(tier.HardConditions, $"{path}.hardConditions", codes);
        TopConditions(tier.Aspects, $"{path}.aspects", codes);
        TopConditions(tier.DirectConditions, $"{path}.directConditions", codes);
        if (tier.Score is { } score)
        {
            Scorecard(score, $"{path}.score", codes);
        }
        if (tier.ScoreOrDirectCode is { } alternative)
        {
            Require(tier.Score is not null || tier.DirectConditions.Count > 0, $"{path}.scoreOrDirectCode",
                "没有评分也没有直通条件时不能设置 scoreOrDirectCode");
            Code(alternative, $"{path}.scoreOrDirectCode", codes);
        }
    }

    private void Ladder(CriteriaDefinition definition, TierDefinition tier, string path)
    {
        var seen = new List<string> { tier.Code };
        var current = tier;
        while (current.Prerequisite is { } prerequisite)
        {
            var next = definition.Tiers.FirstOrDefault(t => t.Code == prerequisite.Tier);
            Require(next is not null, $"{path}.tier", $"前置层级“{prerequisite.Tier}”不存在");
            Require(!seen.Contains(next!.Code), $"{path}.tier",
                $"前置层级存在循环：{string.Join(" → ", seen.Append(next.Code))}");
            seen.Add(next.Code);
            current = next;
        }
    }

    private void TopConditions(IReadOnlyList<ConditionNode> conditions, string path, HashSet<string> codes)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            TopCondition(conditions[i], $"{path}[{i}]", codes);
        }
    }

    // Conditions the evaluation reports as failed must be named.
    private void TopCondition(ConditionNode condition, string path, HashSet<string> codes)
    {
        Require(condition.Code is not null, $"{path}.code", "条件缺少 code");
        Require(!string.IsNullOrWhiteSpace(condition.Name), $"{path}.name", $"条件“{condition.Code}”缺少中文名称");
        Node(condition, path, codes);
    }

    private void Node(ConditionNode node, string path, HashSet<string> codes)
    {
        var kinds = new object?[] { node.Measure, node.All, node.Any, node.Cases }.Count(k => k is not null);
        Require(kinds == 1, path, "条件必须且只能是 measure、all、any、cases 之一");
        if (node.Code is { } code)
        {
            Code(code, $"{path}.code", codes);
        }
        Require(node.Direct != true || node.Code is not null, $"{path}.direct", "直通条件必须有 code");

        if (node.Measure is not null)
        {
            Comparison(node, path);
            return;
        }
        Require(node.Op is null && node.Value is null && node.Values is null && node.YearOffset is null
                && node.Label is null, path, "op、value、values、yearOffset、label 只能用于 measure 比较");
        if ((node.All ?? node.Any) is { } children)
        {
            var key = node.All is not null ? "all" : "any";
            Require(children.Count > 0, $"{path}.{key}", $"{key} 不能为空");
            for (var i = 0; i < children.Count; i++)
            {
                Node(children[i], $"{path}.{key}[{i}]", codes);
            }
            return;
        }
        var cases = node.Cases!;
        Require(cases.Count > 0, $"{path}.cases", "cases 不能为空");
        for (var i = 0; i < cases.Count; i++)
        {
            var casePath = $"{path}.cases[{i}]";
            Require(cases[i].When is not null, $"{casePath}.when", "缺少 when");
            Require(cases[i].Then is not null, $"{casePath}.then", "缺少 then");
            Node(cases[i].When!, $"{casePath}.when", codes);
            Node(cases[i].Then!, $"{casePath}.then", codes);
        }
    }

    private void Comparison(ConditionNode node, string path)
    {
        var measure = KnownMeasure(node.Measure!, $"{path}.measure");
        YearOffset(measure, node.YearOffset, $"{path}.yearOffset");
        Require(node.Op is not null && Operators.Contains(node.Op), $"{path}.op",
            $"op 必须是 {string.Join(" ", Operators)} 之一");
        switch (node.Op)
        {
            case "exists":
                Require(node.Value is null && node.Values is null, path, "exists 不带 value/values");
                break;
            case ">=" or ">" or "<=" or "<":
                Require(measure.IsNumeric, $"{path}.op", $"“{measure.Name}”不是数值，不能用 {node.Op}");
                Require(node.Value?.Number is not null && node.Values is null, $"{path}.value", "需要一个数值 value");
                break;
            case "==" or "!=":
                Require(node.Value is not null && node.Values is null, $"{path}.value", "需要 value（不是 values）");
                Literal(measure, node.Value!.Value, $"{path}.value");
                break;
            default:
                Require(node.Values is { Count: > 0 } && node.Value is null, $"{path}.values", "需要非空的 values 数组");
                for (var i = 0; i < node.Values!.Count; i++)
                {
                    Literal(measure, node.Values[i], $"{path}.values[{i}]");
                }
                break;
        }
    }

    private void Scorecard(ScorecardDefinition score, string path, HashSet<string> codes)
    {
        Require(score.Dimensions.Count > 0, $"{path}.dimensions", "评分至少需要一个维度");
        Require(score.Indicators.Count > 0, $"{path}.indicators", "评分至少需要一个指标");
        var dimensionCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < score.Dimensions.Count; i++)
        {
            var dimension = score.Dimensions[i];
            var dimensionPath = $"{path}.dimensions[{i}]";
            Require(!string.IsNullOrWhiteSpace(dimension.Code) && dimensionCodes.Add(dimension.Code),
                $"{dimensionPath}.code", $"维度 code “{dimension.Code}”为空或重复");
            Require(!string.IsNullOrWhiteSpace(dimension.Name), $"{dimensionPath}.name", "维度缺少中文名称");
            Require(dimension.Max > 0, $"{dimensionPath}.max", "维度满分必须大于0");
            Require(dimension.Min is null || (dimension.Min >= 0 && dimension.Min <= dimension.Max),
                $"{dimensionPath}.min", "维度最低分必须在 0 与满分之间");
        }
        for (var i = 0; i < score.Indicators.Count; i++)
        {
            Indicator(score.Indicators[i], $"{path}.indicators[{i}]", dimensionCodes, codes);
        }
        for (var i = 0; i < score.Dimensions.Count; i++)
        {
            var dimension = score.Dimensions[i];
            var sum = score.Indicators.Where(x => x.Dimension == dimension.Code).Sum(x => x.Max);
            Require(sum == dimension.Max, $"{path}.dimensions[{i}].max",
                $"维度“{dimension.Code}”满分 {dimension.Max} 与其指标满分之和 {sum} 不一致");
        }
        var total = score.Dimensions.Sum(d => d.Max);
        Require(score.PassTotal >= 0 && score.PassTotal <= total, $"{path}.passTotal",
            $"及格分必须在 0 与总分 {total} 之间");
    }

    private void Indicator(IndicatorDefinition indicator, string path, HashSet<string> dimensions, HashSet<string> codes)
    {
        Code(indicator.Code, $"{path}.code", codes);
        Require(!string.IsNullOrWhiteSpace(indicator.Name), $"{path}.name", $"指标“{indicator.Code}”缺少中文名称");
        Require(dimensions.Contains(indicator.Dimension), $"{path}.dimension", $"维度“{indicator.Dimension}”未定义");
        Require(indicator.Max > 0, $"{path}.max", "指标满分必须大于0");

        var ways = new object?[]
        {
            indicator.Bands, indicator.HighestOf, indicator.Items, indicator.Step,
            indicator.ValueAsScore == true ? true : null,
        }.Count(w => w is not null);
        Require(ways == 1, path, "指标必须且只能有 bands、highestOf、items、step、valueAsScore 之一");

        var readsMeasure = indicator.Bands is not null || indicator.Step is not null || indicator.ValueAsScore == true;
        Require(readsMeasure == (indicator.Measure is not null), $"{path}.measure",
            readsMeasure ? "bands、step、valueAsScore 需要 measure" : "highestOf、items 不使用 measure");
        Require(readsMeasure || (indicator.YearOffset is null && indicator.Label is null), path,
            "yearOffset、label 只能与 measure 一起使用");
        Require((indicator.Items is not null) == (indicator.PointsPerItem is not null), $"{path}.pointsPerItem",
            "items 与 pointsPerItem 必须同时出现");

        if (indicator.Measure is { } name)
        {
            var measure = KnownMeasure(name, $"{path}.measure");
            YearOffset(measure, indicator.YearOffset, $"{path}.yearOffset");
            if (indicator.Bands is { } bands)
            {
                Bands(measure, bands, $"{path}.bands", indicator.Max);
            }
            if (indicator.Step is { } step)
            {
                Require(measure.IsNumeric, $"{path}.measure", "step 需要数值指标量");
                Require(step.Every > 0, $"{path}.step.every", "every 必须大于0");
                Require(step.Points > 0, $"{path}.step.points", "points 必须大于0");
            }
            if (indicator.ValueAsScore == true)
            {
                Require(measure.IsNumeric, $"{path}.measure", "valueAsScore 需要数值指标量");
            }
        }
        if (indicator.HighestOf is { } sources)
        {
            Require(sources.Count > 0, $"{path}.highestOf", "highestOf 不能为空");
            for (var i = 0; i < sources.Count; i++)
            {
                var sourcePath = $"{path}.highestOf[{i}]";
                var measure = KnownMeasure(sources[i].Measure, $"{sourcePath}.measure");
                YearOffset(measure, sources[i].YearOffset, $"{sourcePath}.yearOffset");
                Bands(measure, sources[i].Bands, $"{sourcePath}.bands", indicator.Max);
            }
        }
        if (indicator.Items is { } items)
        {
            Require(items.Count > 0, $"{path}.items", "items 不能为空");
            Require(indicator.PointsPerItem > 0, $"{path}.pointsPerItem", "pointsPerItem 必须大于0");
            for (var i = 0; i < items.Count; i++)
            {
                Node(items[i], $"{path}.items[{i}]", codes);
            }
        }
    }

    private void Bands(Measure measure, IReadOnlyList<BandDefinition> bands, string path, decimal max)
    {
        Require(bands.Count > 0, path, "bands 不能为空");
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var bandPath = $"{path}[{i}]";
            Require(band.Points >= 0 && band.Points <= max, $"{bandPath}.points", $"分值必须在 0 与指标满分 {max} 之间");
            Require(band.Is is null || band.In is null, bandPath, "is 与 in 不能同时使用");
            Require(band.ToInclusive is null || band.To is not null, $"{bandPath}.toInclusive", "toInclusive 需要 to");
            var ranged = band.From is not null || band.To is not null;
            Require(!ranged || measure.IsNumeric, bandPath, $"“{measure.Name}”不是数值，不能用 from/to");
            Require(band.From is null || band.To is null || band.From < band.To, bandPath, "from 必须小于 to");
            if (band.Is is { } single)
            {
                Literal(measure, single, $"{bandPath}.is");
            }
            for (var k = 0; k < (band.In?.Count ?? 0); k++)
            {
                Literal(measure, band.In![k], $"{bandPath}.in[{k}]");
            }
        }
        var ranges = bands.Select((band, index) => (band, index))
            .Where(x => measure.IsNumeric && x.band.Is is null && x.band.In is null)
            .ToList();
        foreach (var (a, i) in ranges)
        {
            foreach (var (b, j) in ranges.Where(x => x.index > i))
            {
                Require(!Overlap(a, b), $"{path}[{j}]", $"档位 {i} 与档位 {j} 的区间重叠");
            }
        }
    }

    private static bool Overlap(BandDefinition a, BandDefinition b)
    {
        var low = Max(a.From, b.From);
        var high = Min(a.To, b.To);
        if (low is null || high is null || low < high)
        {
            return true;
        }
        // Touching intervals overlap only when the band ending at the shared point includes it.
        return low == high && ((a.To == high && a.ToInclusive == true && b.From == low)
                               || (b.To == high && b.ToInclusive == true && a.From == low));

        static decimal? Max(decimal? x, decimal? y) => x is null ? y : y is null ? x : Math.Max(x.Value, y.Value);
        static decimal? Min(decimal? x, decimal? y) => x is null ? y : y is null ? x : Math.Min(x.Value, y.Value);
    }

    private void Literal(Measure measure, Scalar literal, string path)
    {
        switch (measure.Kind)
        {
            case MeasureKind.Flag:
                Require(literal.Flag is not null, path, $"“{measure.Name}”是是/否指标量，取值必须是 true 或 false");
                break;
            case MeasureKind.Choice:
                Require(literal.Text is { } text && measure.Choices.ContainsKey(text), path,
                    $"“{measure.Name}”的取值必须是 {string.Join("、", measure.Choices.Keys)} 之一");
                break;
            default:
                Require(literal.Number is not null, path, $"“{measure.Name}”是数值指标量，取值必须是数字");
                break;
        }
    }

    private Measure KnownMeasure(string name, string path)
        => MeasureCatalog.TryGet(name, out var measure)
            ? measure
            : throw Error(path, $"未知的指标量“{name}”；可用：{string.Join("、", MeasureCatalog.Names)}，或 {MeasureCatalog.RegionalDataPrefix}<名称>");

    private void YearOffset(Measure measure, int? yearOffset, string path)
    {
        if (yearOffset is { } offset)
        {
            Require(measure.Yearly, path, $"“{measure.Name}”不按年度取值，不能使用 yearOffset");
            Require(offset is >= 0 and <= MaxYearOffset, path, $"yearOffset 必须在 0 与 {MaxYearOffset} 之间");
        }
    }

    private void Code(string code, string path, HashSet<string> codes)
    {
        Require(!string.IsNullOrWhiteSpace(code), path, "code 不能为空");
        Require(!Reserved.Contains(code), path, $"“{code}”是保留代码");
        Require(codes.Add(code), path, $"代码“{code}”在同一层级内重复");
    }

    private void Require(bool condition, string path, string detail)
    {
        if (!condition)
        {
            throw Error(path, detail);
        }
    }

    private CriteriaDefinitionException Error(string path, string detail) => new(sourceName, path, detail);
}
