using System.Globalization;
using System.Xml.Linq;

namespace Certification.Api.Diagrams;

/// <summary>What to point out on a drawing: activities with validation errors, a test run's trace, the selected activity.</summary>
public sealed record DiagramMarks
{
    public static DiagramMarks None { get; } = new();

    /// <summary>Validation messages per activity id: the box is drawn red with the number of problems.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Activity ids in the order a test run executed them: the boxes are tinted and numbered with their first step.</summary>
    public IReadOnlyList<string> Executed { get; init; } = [];

    /// <summary>Activities the run is waiting on at its end.</summary>
    public IReadOnlyCollection<string> Waiting { get; init; } = [];

    /// <summary>The fragment each activity links to (the activity's row in the list beside the drawing); null: no links.</summary>
    public Func<string, string>? LinkOf { get; init; }
}

/// <summary>
/// Draws a <see cref="FlowchartLayout"/> as SVG markup, self-contained (presentation attributes, no stylesheet or script
/// needed, as the pages' Content-Security-Policy wants): boxes with the activity's name and kind, connections with
/// arrowheads, each port's name beside its exit. Every activity is a link with a text alternative, so the drawing can
/// be walked with the keyboard and read by a screen reader; validation problems and a test run's trace are marked on
/// the boxes with text as well as colour. Built with XML nodes, so names from an imported file are always escaped.
/// </summary>
public static class FlowchartSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const string Ink = "#1f2933", Muted = "#52606d", Line = "#486581", BoxFill = "#ffffff", BoxStroke = "#9fb3c8";
    private const string ErrorInk = "#b42318", ErrorFill = "#fef3f2", RunFill = "#ecfdf3", RunStroke = "#067647", WaitStroke = "#b54708", WaitFill = "#fffaeb";

    public static string Render(FlowchartLayout layout, string title, DiagramMarks? marks = null, string idPrefix = "flow") =>
        Build(layout, title, marks ?? DiagramMarks.None, idPrefix).ToString(SaveOptions.DisableFormatting);

    public static XElement Build(FlowchartLayout layout, string title, DiagramMarks marks, string idPrefix)
    {
        var arrow = $"{idPrefix}-arrow";
        var firstStep = new Dictionary<string, int>();
        for (var i = 0; i < marks.Executed.Count; i++) firstStep.TryAdd(marks.Executed[i], i + 1);

        var svg = new XElement(Svg + "svg",
            new XAttribute("viewBox", $"{N(layout.MinX)} {N(layout.MinY)} {N(layout.Width)} {N(layout.Height)}"),
            new XAttribute("width", N(layout.Width)),
            new XAttribute("height", N(layout.Height)),
            new XAttribute("class", "flowchart"),
            new XAttribute("role", "group"),
            new XAttribute("aria-labelledby", $"{idPrefix}-title"),
            new XAttribute("font-family", "system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"),
            new XElement(Svg + "title", new XAttribute("id", $"{idPrefix}-title"), title),
            new XElement(Svg + "desc", Summary(layout, marks)),
            new XElement(Svg + "defs",
                new XElement(Svg + "marker", new XAttribute("id", arrow), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", "9"),
                    new XAttribute("refY", "5"), new XAttribute("markerWidth", "8"), new XAttribute("markerHeight", "8"),
                    new XAttribute("orient", "auto-start-reverse"),
                    new XElement(Svg + "path", new XAttribute("d", "M0,0 L10,5 L0,10 z"), new XAttribute("fill", Line)))));

        var connections = new XElement(Svg + "g", new XAttribute("class", "connections"), new XAttribute("fill", "none"));
        var labels = new XElement(Svg + "g", new XAttribute("class", "port-labels"), new XAttribute("font-size", "12"));
        foreach (var edge in layout.Edges)
        {
            var from = layout.Find(edge.Source)?.Name ?? edge.Source;
            var to = edge.Target is null ? "" : layout.Find(edge.Target)?.Name ?? edge.Target;
            var text = edge.Dangling
                ? $"{from} 的 {PortNames.Describe(edge.Port)} 端口连向不存在的活动“{edge.Target}”"
                : $"{from} —{PortNames.Describe(edge.Port)}→ {to}";
            connections.Add(new XElement(Svg + "g",
                new XAttribute("class", edge.Dangling ? "connection dangling" : "connection"),
                new XAttribute("data-source", edge.Source),
                new XAttribute("data-port", edge.Port),
                new XAttribute("data-target", edge.Target ?? ""),
                new XElement(Svg + "title", text),
                new XElement(Svg + "path",
                    new XAttribute("d", PathOf(edge)),
                    new XAttribute("stroke", edge.Dangling ? ErrorInk : Line),
                    new XAttribute("stroke-width", "1.6"),
                    edge.Dangling ? new XAttribute("stroke-dasharray", "5 4") : null,
                    new XAttribute("marker-end", $"url(#{arrow})"))));
            labels.Add(new XElement(Svg + "text",
                new XAttribute("class", "port-label"),
                new XAttribute("data-source", edge.Source),
                new XAttribute("data-port", edge.Port),
                new XAttribute("x", N(edge.Label.X)),
                new XAttribute("y", N(edge.Label.Y)),
                new XAttribute("text-anchor", edge.StartSide == Side.Left ? "end" : "start"),
                new XAttribute("fill", edge.Dangling ? ErrorInk : Muted),
                // A white halo keeps the label readable where it crosses a line.
                new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "3"), new XAttribute("paint-order", "stroke"),
                new XAttribute("stroke-linejoin", "round"),
                edge.PortLabel));
        }

        var activities = new XElement(Svg + "g", new XAttribute("class", "activities"));
        foreach (var node in layout.Nodes)
        {
            var errors = marks.Errors.GetValueOrDefault(node.Id) ?? [];
            var step = firstStep.GetValueOrDefault(node.Id);
            var waiting = marks.Waiting.Contains(node.Id);
            var classes = new List<string> { "activity" };
            if (errors.Count > 0) classes.Add("has-error");
            if (step > 0) classes.Add("executed");
            if (waiting) classes.Add("waiting");
            if (node.Placed) classes.Add("unplaced");

            var (fill, stroke, width) = errors.Count > 0 ? (ErrorFill, ErrorInk, 2.5)
                : waiting ? (WaitFill, WaitStroke, 2.5)
                : step > 0 ? (RunFill, RunStroke, 2.0)
                : (BoxFill, node.KnownType ? BoxStroke : ErrorInk, 1.2);
            var state = new List<string>();
            if (errors.Count > 0) state.Add($"{errors.Count} 个问题：{string.Join("；", errors)}");
            if (step > 0) state.Add($"试运行第 {step} 步执行");
            if (waiting) state.Add("试运行结束时在此等待");
            if (node.Placed) state.Add("设计器未记录位置，暂排在下方");
            var label = $"{node.Name}（{node.TypeDisplayName}，{node.Id}）" + (state.Count > 0 ? "：" + string.Join("，", state) : "");

            // A long name is set a little smaller before it is cut.
            var nameSize = Math.Clamp(Math.Floor((node.Width - 20) / Math.Max(1, TextFit.Width(node.Name, 1))), 11, 14);
            var box = new XElement(Svg + "g",
                new XAttribute("class", string.Join(' ', classes)),
                new XAttribute("id", $"{idPrefix}-{node.Id}"),
                new XAttribute("data-activity-id", node.Id),
                new XElement(Svg + "title", label + (node.DisplayText is { Length: > 0 } d && d != node.Name ? $"。{d}" : "")),
                new XElement(Svg + "rect",
                    new XAttribute("x", N(node.X)), new XAttribute("y", N(node.Y)),
                    new XAttribute("width", N(node.Width)), new XAttribute("height", N(node.Height)),
                    new XAttribute("rx", "8"), new XAttribute("fill", fill), new XAttribute("stroke", stroke),
                    new XAttribute("stroke-width", N(width)),
                    node.Placed ? new XAttribute("stroke-dasharray", "6 4") : null),
                new XElement(Svg + "text",
                    new XAttribute("class", "activity-name"),
                    new XAttribute("x", N(node.Center.X)), new XAttribute("y", N(node.Y + node.Height / 2 - 4)),
                    new XAttribute("text-anchor", "middle"), new XAttribute("font-size", N(nameSize)), new XAttribute("font-weight", "600"),
                    new XAttribute("fill", errors.Count > 0 ? ErrorInk : Ink),
                    TextFit.Truncate(node.Name, node.Width - 20, nameSize)),
                new XElement(Svg + "text",
                    new XAttribute("class", "activity-type"),
                    new XAttribute("x", N(node.Center.X)), new XAttribute("y", N(node.Y + node.Height / 2 + 14)),
                    new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "11"),
                    new XAttribute("fill", node.KnownType ? Muted : ErrorInk),
                    TextFit.Truncate(node.TypeDisplayName, node.Width - 20, 11)));
            if (errors.Count > 0) box.Add(Badge(node, $"!{errors.Count}", ErrorInk, "error-badge"));
            else if (step > 0) box.Add(Badge(node, step.ToString(CultureInfo.InvariantCulture), RunStroke, "step-badge"));

            if (marks.LinkOf is { } link)
                activities.Add(new XElement(Svg + "a", new XAttribute("href", link(node.Id)), new XAttribute("aria-label", label), box));
            else
                activities.Add(box);
        }

        svg.Add(connections, activities, labels);
        return svg;
    }

    /// <summary>A small round tag on the box's top-right corner: the number of problems, or the run step.</summary>
    private static XElement Badge(DiagramNode node, string text, string colour, string cssClass)
    {
        var radius = Math.Max(11, 4 + TextFit.Width(text, 11) / 2);
        return new XElement(Svg + "g", new XAttribute("class", cssClass), new XAttribute("aria-hidden", "true"),
            new XElement(Svg + "circle", new XAttribute("cx", N(node.Right - 4)), new XAttribute("cy", N(node.Y + 4)),
                new XAttribute("r", N(radius)), new XAttribute("fill", colour)),
            new XElement(Svg + "text", new XAttribute("x", N(node.Right - 4)), new XAttribute("y", N(node.Y + 8)),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "11"), new XAttribute("font-weight", "700"),
                new XAttribute("fill", "#ffffff"), text));
    }

    private static string Summary(FlowchartLayout layout, DiagramMarks marks)
    {
        var text = $"{layout.Nodes.Count} 个活动，{layout.Edges.Count} 条连线。";
        var errorCount = marks.Errors.Count(e => layout.Find(e.Key) is not null);
        if (errorCount > 0) text += $"{errorCount} 个活动有问题，以红框标出。";
        if (marks.Executed.Count > 0) text += $"试运行执行了 {marks.Executed.Count} 步，执行过的活动以绿色标出并注明步骤。";
        return text;
    }

    /// <summary>
    /// The connection's path: a smooth curve leaving and entering perpendicular to the boxes' sides, or, when the
    /// designer recorded vertices, straight segments through them.
    /// </summary>
    public static string PathOf(DiagramEdge edge)
    {
        var s = edge.Start;
        var e = edge.End;
        if (edge.Vertices.Count > 0)
        {
            var points = new List<Point> { s };
            points.AddRange(edge.Vertices);
            points.Add(e);
            return "M" + string.Join(" L", points.Select(p => $"{N(p.X)},{N(p.Y)}"));
        }
        if (edge.Dangling) return $"M{N(s.X)},{N(s.Y)} L{N(e.X)},{N(e.Y)}";
        var reach = Math.Clamp(Math.Sqrt((e.X - s.X) * (e.X - s.X) + (e.Y - s.Y) * (e.Y - s.Y)) / 2, 30, 120);
        if (edge.Source == edge.Target) reach = 50;
        var c1 = FlowchartLayout.Offset(s, edge.StartSide, reach);
        var c2 = FlowchartLayout.Offset(e, edge.EndSide, reach);
        return $"M{N(s.X)},{N(s.Y)} C{N(c1.X)},{N(c1.Y)} {N(c2.X)},{N(c2.Y)} {N(e.X)},{N(e.Y)}";
    }

    internal static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>Text widths estimated without a font: CJK characters are one em wide, Latin letters and digits about 0.6 em.</summary>
public static class TextFit
{
    public static double Width(string text, double fontSize) => text.Sum(c => c >= '\u2E80' ? 1.0 : c == ' ' ? 0.3 : 0.6) * fontSize;

    /// <summary>The text, cut with an ellipsis when it would be wider than <paramref name="maxWidth"/> (the full text is in the box's title).</summary>
    public static string Truncate(string text, double maxWidth, double fontSize)
    {
        if (Width(text, fontSize) <= maxWidth) return text;
        var cut = text;
        while (cut.Length > 1 && Width(cut + "…", fontSize) > maxWidth) cut = cut[..^1];
        return cut + "…";
    }
}
