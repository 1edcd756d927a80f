using System.Globalization;
using Certification.Domain.Criteria.Definitions;
using Certification.Domain.Criteria.Measures;

namespace Certification.Domain.Criteria.Scoring;

/// <summary>Scores indicators of a scorecard against one profile.</summary>
internal sealed class IndicatorScorer(ProfileFacts facts, ConditionEvaluator conditions)
{
    private sealed record Points(decimal Value, string Reason);

    private sealed record Reading(Measure Measure, string Label, MeasureValue Value)
    {
        public string Described => ConditionEvaluator.Describe(Measure, Label, Value);
    }

    public IndicatorScore Score(IndicatorDefinition indicator)
    {
        Points points;
        try
        {
            points = indicator switch
            {
                { Bands: { } bands } => Banded(new ScoreSource
                {
                    Measure = indicator.Measure ?? "",
                    YearOffset = indicator.YearOffset,
                    Label = indicator.Label,
                    Bands = bands,
                }),
                { HighestOf: { } sources } => Highest(sources),
                { Items: { } items } => Counted(items, indicator.PointsPerItem ?? 0m),
                { Step: { } step } => Stepped(indicator, step),
                { ValueAsScore: true } => ValueAsScore(indicator),
                _ => new Points(0m, "未定义计分方式"),
            };
        }
        catch (OverflowException)
        {
            points = new Points(0m, "数值超出可计算范围");
        }
        var score = Math.Clamp(points.Value, 0m, indicator.Max);
        var reason = points.Value > indicator.Max ? $"{points.Reason}，按上限{Trim(indicator.Max)}分计" : points.Reason;
        return new IndicatorScore(indicator.Code, indicator.Name, score, indicator.Max, reason);
    }

    private Points Banded(ScoreSource source)
    {
        if (Read(source.Measure, source.YearOffset, source.Label) is not { } reading)
        {
            return Unknown(source.Measure);
        }
        if (reading.Value is MissingValue missing)
        {
            return new Points(0m, missing.Reason);
        }
        var band = source.Bands.FirstOrDefault(b => InBand(reading.Value, b));
        if (band is null)
        {
            return new Points(0m, reading.Described);
        }
        var range = reading.Value is NumberValue ? Range(reading.Measure, band) : "";
        return new Points(band.Points, range.Length > 0 ? $"{reading.Described}（{range}）" : reading.Described);
    }

    private Points Highest(IReadOnlyList<ScoreSource> sources)
    {
        var scored = sources.Select(Banded).ToList();
        var best = scored.MaxBy(p => p.Value);
        return best is { Value: > 0m } ? best : new Points(0m, Reasons.Join(scored.Select(p => p.Reason)));
    }

    private Points Counted(IReadOnlyList<ConditionNode> items, decimal pointsPerItem)
    {
        var outcomes = items.Select(conditions.Evaluate).ToList();
        var held = outcomes.Where(o => o.Passed).ToList();
        var each = Trim(pointsPerItem);
        if (held.Count > 0)
        {
            return new Points(held.Count * pointsPerItem,
                $"{string.Join("、", held.Select(o => o.Reason))}（{held.Count}项，每项{each}分）");
        }
        var missing = outcomes.Where(o => o.Missing).Select(o => o.Reason).ToList();
        return new Points(0m, missing.Count > 0 ? Reasons.Join(missing) : $"无符合项（每项{each}分）");
    }

    private Points Stepped(IndicatorDefinition indicator, StepDefinition step)
    {
        if (Read(indicator.Measure, indicator.YearOffset, indicator.Label) is not { } reading)
        {
            return Unknown(indicator.Measure);
        }
        if (reading.Value is not NumberValue number || step.Every <= 0m)
        {
            return new Points(0m, reading.Described);
        }
        var steps = Math.Floor(number.Value.Approximate / step.Every);
        return new Points(steps * step.Points,
            $"{reading.Described}（每满{reading.Measure.FormatThreshold(step.Every)}得{Trim(step.Points)}分）");
    }

    private Points ValueAsScore(IndicatorDefinition indicator)
    {
        if (Read(indicator.Measure, indicator.YearOffset, indicator.Label) is not { } reading)
        {
            return Unknown(indicator.Measure);
        }
        if (reading.Value is not NumberValue number)
        {
            return new Points(0m, reading.Described);
        }
        return new Points(number.Value.Approximate, reading.Described);
    }

    private Reading? Read(string? measureName, int? yearOffset, string? labelOverride)
    {
        if (measureName is null || !MeasureCatalog.TryGet(measureName, out var measure))
        {
            return null;
        }
        var offset = yearOffset ?? 0;
        return new Reading(measure, measure.LabelFor(facts, offset, labelOverride),
            MeasureReader.Read(measure, facts, offset));
    }

    private static Points Unknown(string? measureName) => new(0m, $"未知的指标量“{measureName}”");

    internal static bool InBand(MeasureValue value, BandDefinition band)
    {
        if (band.Is is { } single && !ConditionEvaluator.Matches(value, single))
        {
            return false;
        }
        if (band.In is { } set && !set.Any(candidate => ConditionEvaluator.Matches(value, candidate)))
        {
            return false;
        }
        if (band.From is null && band.To is null)
        {
            return true;
        }
        if (value is not NumberValue number)
        {
            return false;
        }
        var aboveFrom = band.From is not { } from || number.Value.CompareTo(from) >= 0;
        var belowTo = band.To is not { } to
                      || (band.ToInclusive == true ? number.Value.CompareTo(to) <= 0 : number.Value.CompareTo(to) < 0);
        return aboveFrom && belowTo;
    }

    private static string Range(Measure measure, BandDefinition band) => (band.From, band.To) switch
    {
        ({ } from, { } to) => $"{measure.FormatThreshold(from, withUnit: false)}–{measure.FormatThreshold(to)}",
        ({ } from, null) => $"≥{measure.FormatThreshold(from)}",
        (null, { } to) => $"{(band.ToInclusive == true ? "≤" : "<")}{measure.FormatThreshold(to)}",
        _ => "",
    };

    private static string Trim(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
