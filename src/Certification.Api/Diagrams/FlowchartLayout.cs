using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;

namespace Certification.Api.Diagrams;

/// <summary>A point of the diagram, in the designer's coordinates.</summary>
public readonly record struct Point(double X, double Y);

public enum Side { Left, Right, Top, Bottom }

/// <summary>
/// One activity box. <see cref="X"/>/<see cref="Y"/> are the designer's top-left position as written in the definition
/// (<c>metadata.designer.position</c>); an activity without one is placed in a row below the others and flagged
/// <see cref="Placed"/>, so the administrator sees that the designer has not positioned it.
/// </summary>
public sealed record DiagramNode(
    string Id, string Name, string Type, string TypeDisplayName, string? DisplayText,
    double X, double Y, double Width, double Height, bool Placed, bool KnownType)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public Point Center => new(X + Width / 2, Y + Height / 2);
}

/// <summary>
/// One connection: from the source's port to the target, through the designer's vertices. <see cref="Points"/> are
/// the anchors on the boxes' sides with the vertices between them; <see cref="Label"/> is where the port's name is written.
/// <see cref="Dangling"/>: the target (or source) does not exist; the path ends in a short stub.
/// </summary>
public sealed record DiagramEdge(
    int Index, string Source, string? Target, string Port, string PortLabel,
    Point Start, Side StartSide, Point End, Side EndSide, IReadOnlyList<Point> Vertices, Point Label, bool Dangling);

/// <summary>
/// Where everything of a flowchart goes: activities at their designer positions, connections between anchors on the
/// sides that face each other (several ends on one side are spread along it, ordered by where the other end lies, so
/// that they do not cross there), each labelled with its port. Pure geometry: <see cref="FlowchartSvg"/> draws it.
/// </summary>
public sealed class FlowchartLayout
{
    /// <summary>Elsa's designer size for an activity that recorded none.</summary>
    public const double DefaultWidth = 200, DefaultHeight = 64;

    /// <summary>Space kept around the drawing (port labels and loops reach outside the boxes).</summary>
    public const double Margin = 40;

    private FlowchartLayout(IReadOnlyList<DiagramNode> nodes, IReadOnlyList<DiagramEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
        if (nodes.Count == 0)
        {
            MinX = MinY = 0;
            Width = Height = 2 * Margin;
            return;
        }
        var xs = nodes.SelectMany(n => new[] { n.X, n.Right }).Concat(edges.SelectMany(e => e.Vertices.Select(v => v.X)));
        var ys = nodes.SelectMany(n => new[] { n.Y, n.Bottom }).Concat(edges.SelectMany(e => e.Vertices.Select(v => v.Y)));
        MinX = xs.Min() - Margin;
        MinY = ys.Min() - Margin;
        Width = xs.Max() + Margin - MinX;
        Height = ys.Max() + Margin - MinY;
    }

    public IReadOnlyList<DiagramNode> Nodes { get; }
    public IReadOnlyList<DiagramEdge> Edges { get; }

    /// <summary>The drawing's extent in designer coordinates (the SVG view box): designer positions are used unchanged.</summary>
    public double MinX { get; }
    public double MinY { get; }
    public double Width { get; }
    public double Height { get; }

    public DiagramNode? Find(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    public static FlowchartLayout Of(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var nodes = PlaceNodes(definition, registry);
        var byId = new Dictionary<string, DiagramNode>();
        foreach (var node in nodes) byId.TryAdd(node.Id, node);

        // First decide each end's side, then spread the ends sharing a side along it.
        var drafts = new List<EdgeDraft>();
        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var c = definition.Connections[i];
            var source = c.Source is null ? null : byId.GetValueOrDefault(c.Source);
            var target = c.Target is null ? null : byId.GetValueOrDefault(c.Target);
            if (source is null) continue; // nothing to draw from; the validation list names it
            var vertices = Vertices(c);
            drafts.Add(new EdgeDraft(i, c, source, target, vertices));
        }
        foreach (var d in drafts)
        {
            if (d.Target is null)
            {
                d.StartSide = Side.Right;
                continue;
            }
            if (ReferenceEquals(d.Source, d.Target) && d.Vertices.Count == 0)
            {
                // A loop onto itself leaves the top and comes back into the top.
                d.StartSide = d.EndSide = Side.Top;
                continue;
            }
            d.StartSide = SideFacing(d.Source, d.Vertices.Count > 0 ? BoxOf(d.Vertices[0]) : d.Target);
            d.EndSide = SideFacing(d.Target, d.Vertices.Count > 0 ? BoxOf(d.Vertices[^1]) : d.Source);
        }

        var ends = new List<(EdgeDraft Edge, bool IsStart, DiagramNode Node, Side Side, Point Toward)>();
        foreach (var d in drafts)
        {
            ends.Add((d, true, d.Source, d.StartSide, d.Vertices.Count > 0 ? d.Vertices[0] : d.Target?.Center ?? Offset(d.Source, Side.Right)));
            if (d.Target is not null)
                ends.Add((d, false, d.Target, d.EndSide, d.Vertices.Count > 0 ? d.Vertices[^1] : d.Source.Center));
        }
        foreach (var group in ends.GroupBy(e => (e.Node, e.Side)))
        {
            var (node, side) = group.Key;
            var vertical = side is Side.Left or Side.Right;
            var ordered = group.OrderBy(e => vertical ? e.Toward.Y : e.Toward.X).ThenBy(e => e.Edge.Index).ThenBy(e => e.IsStart).ToList();
            for (var k = 0; k < ordered.Count; k++)
            {
                var share = (k + 1.0) / (ordered.Count + 1);
                var point = side switch
                {
                    Side.Left => new Point(node.X, node.Y + node.Height * share),
                    Side.Right => new Point(node.Right, node.Y + node.Height * share),
                    Side.Top => new Point(node.X + node.Width * share, node.Y),
                    _ => new Point(node.X + node.Width * share, node.Bottom),
                };
                if (ordered[k].IsStart) ordered[k].Edge.Start = point;
                else ordered[k].Edge.End = point;
            }
        }

        var edges = drafts.Select(d =>
        {
            var end = d.Target is null ? Offset(d.Start, d.StartSide, 48) : d.End;
            var port = d.Connection.Outcome;
            return new DiagramEdge(d.Index, d.Source.Id, d.Connection.Target, port, PortNames.Label(port),
                d.Start, d.StartSide, end, d.Target is null ? Opposite(d.StartSide) : d.EndSide, d.Vertices,
                LabelPoint(d.Start, d.StartSide), d.Target is null);
        }).ToList();
        return new FlowchartLayout(nodes, edges);
    }

    private sealed class EdgeDraft(int index, ConnectionDefinition connection, DiagramNode source, DiagramNode? target, IReadOnlyList<Point> vertices)
    {
        public int Index { get; } = index;
        public ConnectionDefinition Connection { get; } = connection;
        public DiagramNode Source { get; } = source;
        public DiagramNode? Target { get; } = target;
        public IReadOnlyList<Point> Vertices { get; } = vertices;
        public Side StartSide { get; set; }
        public Side EndSide { get; set; }
        public Point Start { get; set; }
        public Point End { get; set; }
    }

    private static List<DiagramNode> PlaceNodes(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var nodes = new DiagramNode?[definition.Activities.Count];
        for (var i = 0; i < nodes.Length; i++)
            if (definition.Activities[i].Position is { } p && double.IsFinite(p.X) && double.IsFinite(p.Y))
                nodes[i] = NodeOf(definition.Activities[i], p.X, p.Y, false, registry);
        // Activities the designer never positioned go in a row below everything else, in document order.
        var positioned = nodes.OfType<DiagramNode>().ToList();
        var rowY = positioned.Count == 0 ? 0 : positioned.Max(n => n.Bottom) + 100;
        var x = positioned.Count == 0 ? 0 : positioned.Min(n => n.X);
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is not null) continue;
            nodes[i] = NodeOf(definition.Activities[i], x, rowY, true, registry);
            x = nodes[i]!.Right + 60;
        }
        return nodes.Select(n => n!).ToList();
    }

    private static DiagramNode NodeOf(ActivityDefinition a, double x, double y, bool placed, ActivityRegistry registry)
    {
        var (width, height) = SizeOf(a);
        var known = registry.TryGet(a.Type, out var registration);
        var typeName = known ? registration!.Descriptor.DisplayName : (a.Type.Length == 0 ? "（未写类型）" : $"未知类型 {a.Type}");
        return new DiagramNode(a.Id, a.Name ?? a.DisplayText ?? a.Id, a.Type, typeName, a.DisplayText, x, y, width, height, placed, known);
    }

    private static (double Width, double Height) SizeOf(ActivityDefinition a)
    {
        if ((a.Raw["metadata"] as JsonObject)?["designer"] is JsonObject designer
            && designer["size"] is JsonObject size
            && size["width"] is JsonValue w && Number(w, out var width)
            && size["height"] is JsonValue h && Number(h, out var height)
            && width is >= 40 and <= 1000 && height is >= 24 and <= 600)
            return (width, height);
        return (DefaultWidth, DefaultHeight);
    }

    private static IReadOnlyList<Point> Vertices(ConnectionDefinition c)
    {
        if (c.Raw["vertices"] is not JsonArray list) return [];
        var points = new List<Point>();
        foreach (var item in list)
            if (item is JsonObject v && v["x"] is JsonValue x && Number(x, out var px)
                && v["y"] is JsonValue y && Number(y, out var py) && double.IsFinite(px) && double.IsFinite(py))
                points.Add(new Point(px, py));
        return points;
    }

    /// <summary>A JSON number (designers write integers or decimals), not NaN or infinite.</summary>
    private static bool Number(JsonValue value, out double number) =>
        (number = value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : double.NaN) is var _ && double.IsFinite(number);

    /// <summary>The side of <paramref name="box"/> that faces <paramref name="other"/>: left or right when they are apart horizontally, else top or bottom.</summary>
    private static Side SideFacing(DiagramNode box, DiagramNode other)
    {
        if (other.X >= box.Right) return Side.Right;
        if (other.Right <= box.X) return Side.Left;
        return other.Center.Y < box.Center.Y ? Side.Top : Side.Bottom;
    }

    private static DiagramNode BoxOf(Point p) => new("", "", "", "", null, p.X, p.Y, 0, 0, false, true);

    private static Point Offset(DiagramNode node, Side side) => Offset(node.Center, side, node.Width);

    /// <summary>The point moved <paramref name="distance"/> outwards from a box's <paramref name="side"/>.</summary>
    internal static Point Offset(Point p, Side side, double distance) => side switch
    {
        Side.Left => p with { X = p.X - distance },
        Side.Right => p with { X = p.X + distance },
        Side.Top => p with { Y = p.Y - distance },
        _ => p with { Y = p.Y + distance },
    };

    private static Side Opposite(Side side) => side switch
    {
        Side.Left => Side.Right,
        Side.Right => Side.Left,
        Side.Top => Side.Bottom,
        _ => Side.Top,
    };

    /// <summary>The port's name is written just outside the box, beside the line where it leaves: it reads as the box's exit.</summary>
    private static Point LabelPoint(Point start, Side side) => side switch
    {
        Side.Right => new Point(start.X + 6, start.Y - 5),
        Side.Left => new Point(start.X - 6, start.Y - 5),
        Side.Top => new Point(start.X + 5, start.Y - 8),
        _ => new Point(start.X + 5, start.Y + 15),
    };
}
