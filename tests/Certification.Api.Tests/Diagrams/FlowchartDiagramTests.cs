using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Certification.Api.Diagrams;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;

namespace Certification.Api.Tests.Diagrams;

/// <summary>
/// The administrator's drawing of a workflow definition: every activity at its designer position and size, every
/// connection drawn from its source's side to its target's with its port named, and validation problems and a test
/// run's trace marked on the boxes.
/// </summary>
public sealed class FlowchartDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly ActivityRegistry Registry = ActivityRegistry.Default;

    public static TheoryData<string> ShippedDefinitions() =>
        [.. Directory.GetFiles(Path.Combine(TestFiles.RepositoryRoot, "workflows"), "*.json").Select(Path.GetFileName)!];

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Every_activity_of_a_shipped_definition_is_drawn_at_its_designer_position_and_size(string file)
    {
        var definition = Read(file);
        var svg = Draw(definition);

        var boxes = svg.Descendants(Svg + "g").Where(g => g.Attribute("data-activity-id") is not null).ToList();
        boxes.Should().HaveCount(definition.Activities.Count);
        foreach (var activity in definition.Activities)
        {
            var box = boxes.Single(b => (string)b.Attribute("data-activity-id")! == activity.Id);
            var rect = box.Element(Svg + "rect")!;
            var designer = activity.Raw["metadata"]!["designer"]!;
            Num(rect, "x").Should().Be((double)designer["position"]!["x"]!, activity.Id);
            Num(rect, "y").Should().Be((double)designer["position"]!["y"]!, activity.Id);
            Num(rect, "width").Should().Be((double)designer["size"]!["width"]!, activity.Id);
            Num(rect, "height").Should().Be((double)designer["size"]!["height"]!, activity.Id);
            box.Descendants(Svg + "text").First().Value.Should().Be(activity.Name, "the box shows the activity's name");
        }
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Every_connection_of_a_shipped_definition_is_drawn_with_its_port_label(string file)
    {
        var definition = Read(file);
        var svg = Draw(definition);

        var lines = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "connection").ToList();
        var labels = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "port-label").ToList();
        lines.Should().HaveCount(definition.Connections.Count);
        labels.Should().HaveCount(definition.Connections.Count);
        foreach (var connection in definition.Connections)
        {
            var key = $"{connection.Source}:{connection.Outcome}->{connection.Target}";
            lines.Should().ContainSingle(l => Key(l) == key, "each connection is drawn once");
            var line = lines.Single(l => Key(l) == key);
            line.Element(Svg + "title")!.Value.Should().Contain(connection.Outcome, "the tooltip names the port as written in the JSON");
            labels.Where(l => (string)l.Attribute("data-source")! == connection.Source && (string)l.Attribute("data-port")! == connection.Outcome)
                .Should().NotBeEmpty().And.OnlyContain(l => l.Value == PortNames.Label(connection.Outcome));
        }
        // The labels are readable: no two start at the same spot.
        labels.Select(l => (Num(l, "x"), Num(l, "y"))).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_connection_leaves_and_enters_through_the_sides_that_face_each_other()
    {
        var layout = Layout(Read("innovative.json"));

        var right = layout.Edges.Single(e => e.Source == "awaitSubmission" && e.Port == "Submitted");
        right.StartSide.Should().Be(Side.Right);
        right.EndSide.Should().Be(Side.Left);
        right.Start.X.Should().Be(layout.Find("awaitSubmission")!.Right);
        right.End.X.Should().Be(layout.Find("evaluateCriteria")!.X);

        var down = layout.Edges.Single(e => e.Source == "evaluateCriteria" && e.Port == "NotEligible");
        (down.StartSide, down.EndSide).Should().Be((Side.Bottom, Side.Top));
        down.Start.Y.Should().Be(layout.Find("evaluateCriteria")!.Bottom);
        down.End.Y.Should().Be(layout.Find("rejectNotEligible")!.Y);

        var back = layout.Edges.Single(e => e.Source == "returnLimitReached" && e.Port == "False");
        (back.StartSide, back.EndSide).Should().Be((Side.Left, Side.Right), "awaitSubmission lies to the left of the decision");
        layout.Edges.Single(e => e.Source == "countReturn").StartSide.Should().Be(Side.Left);
    }

    [Fact]
    public void Ends_sharing_a_side_are_spread_along_it()
    {
        var layout = Layout(Read("innovative.json"));

        var withdrawn = layout.Edges.Single(e => e.Source == "awaitSubmission" && e.Port == "Withdrawn");
        var expired = layout.Edges.Single(e => e.Source == "awaitSubmission" && e.Port == "Expired");
        withdrawn.Start.Should().NotBe(expired.Start);
        withdrawn.End.Should().NotBe(expired.End);
        withdrawn.Label.Should().NotBe(expired.Label);

        var box = layout.Find("countReturn")!;
        var into = layout.Edges.Where(e => e.Target == "countReturn").ToList();
        into.Should().HaveCount(2);
        into.Select(e => e.End).Should().OnlyHaveUniqueItems().And.OnlyContain(p => p.Y == box.Bottom && p.X > box.X && p.X < box.Right);
    }

    [Fact]
    public void The_designers_vertices_are_followed()
    {
        var definition = Read("innovative.json");
        var layout = Layout(definition);

        var loop = layout.Edges.Single(e => e.Source == "publicity" && e.Port == "ObjectionUpheld");
        loop.Vertices.Should().Equal(new Point(1660, 250), new Point(1180, 250));
        (loop.StartSide, loop.EndSide).Should().Be((Side.Top, Side.Top), "both vertices lie above the boxes");
        FlowchartSvg.PathOf(loop).Should().Contain("L1660,250 L1180,250");
    }

    [Fact]
    public void The_view_box_keeps_the_designers_coordinates_and_holds_everything()
    {
        var definition = Read("little-giant.json");
        var layout = Layout(definition);
        var svg = Draw(definition);

        var viewBox = ((string)svg.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        viewBox.Should().Equal(layout.MinX, layout.MinY, layout.Width, layout.Height);
        foreach (var node in layout.Nodes)
        {
            node.X.Should().BeGreaterThanOrEqualTo(layout.MinX + FlowchartLayout.Margin);
            node.Right.Should().BeLessThanOrEqualTo(layout.MinX + layout.Width - FlowchartLayout.Margin);
            node.Bottom.Should().BeLessThanOrEqualTo(layout.MinY + layout.Height - FlowchartLayout.Margin);
        }
    }

    [Fact]
    public void An_activity_without_a_designer_position_is_placed_below_the_others_and_flagged()
    {
        var definition = Definition(
            [Activity("start", "Elsa.Start", 0, 0), Activity("loose", "Elsa.End", null, null)],
            [Connection("start", "Done", "loose")]);
        var layout = Layout(definition);

        var loose = layout.Find("loose")!;
        loose.Placed.Should().BeTrue();
        loose.Y.Should().BeGreaterThan(layout.Find("start")!.Bottom);
        var box = Draw(definition).Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-activity-id") == "loose");
        ((string)box.Attribute("class")!).Should().Contain("unplaced");
        box.Element(Svg + "title")!.Value.Should().Contain("设计器未记录位置");
    }

    [Fact]
    public void Older_flat_connections_and_empty_ports_are_drawn_as_Done()
    {
        var definition = Definition(
            [Activity("start", "Elsa.Start", 0, 0), Activity("end", "Elsa.End", 300, 0)],
            [new JsonObject { ["source"] = "start", ["target"] = "end", ["sourcePort"] = "" }]);

        var edge = Layout(definition).Edges.Single();
        (edge.Source, edge.Port, edge.Target, edge.PortLabel).Should().Be(("start", "Done", "end", "完成"));
    }

    [Fact]
    public void A_connection_to_a_missing_activity_is_drawn_as_a_red_stub_that_names_it()
    {
        var definition = Definition([Activity("start", "Elsa.Start", 0, 0)], [Connection("start", "Done", "nowhere")]);

        var line = Draw(definition).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "connection dangling");
        ((string)line.Attribute("class")!).Should().Contain("dangling");
        line.Element(Svg + "title")!.Value.Should().Contain("不存在的活动“nowhere”");
    }

    [Fact]
    public void Validation_problems_and_a_test_run_are_marked_on_the_boxes_in_text_as_well_as_colour()
    {
        var definition = Read("innovative.json");
        var marks = new DiagramMarks
        {
            Errors = new Dictionary<string, IReadOnlyList<string>> { ["formalReview"] = ["未声明的端口 Maybe", "缺少必填输入"] },
            Executed = ["start", "awaitSubmission", "evaluateCriteria", "awaitSubmission"],
            Waiting = ["awaitSubmission"],
            LinkOf = id => $"#activity-{id}",
        };
        var svg = XElement.Parse(FlowchartSvg.Render(Layout(definition), "创新型", marks));

        var formal = Box(svg, "formalReview");
        ((string)formal.Attribute("class")!).Should().Contain("has-error");
        formal.Element(Svg + "rect")!.Attribute("stroke")!.Value.Should().Be("#b42318");
        formal.Element(Svg + "title")!.Value.Should().Contain("2 个问题").And.Contain("未声明的端口 Maybe");
        formal.Descendants(Svg + "text").Should().Contain(t => t.Value == "!2");
        formal.Parent!.Name.Should().Be(Svg + "a", "each box is a link, reachable with the keyboard");
        formal.Parent.Attribute("href")!.Value.Should().Be("#activity-formalReview");

        var evaluate = Box(svg, "evaluateCriteria");
        ((string)evaluate.Attribute("class")!).Should().Contain("executed");
        evaluate.Descendants(Svg + "text").Should().Contain(t => t.Value == "3", "numbered with its first step");
        ((string)Box(svg, "awaitSubmission").Attribute("class")!).Should().Contain("waiting");
        Box(svg, "certify").Attribute("class")!.Value.Should().Be("activity");
    }

    [Fact]
    public void Names_from_an_imported_file_are_escaped_and_long_names_are_cut_with_the_full_name_in_the_title()
    {
        var name = "<script>alert(1)</script>" + new string('长', 40);
        var start = Activity("start", "Elsa.Start", 0, 0);
        start["name"] = name;
        var definition = Definition([start, Activity("x", "Acme.Unknown", 300, 0)], [Connection("start", "Done", "x")]);

        var markup = FlowchartSvg.Render(Layout(definition), "测试");
        markup.Should().NotContain("<script>");
        var svg = XElement.Parse(markup);
        var box = Box(svg, "start");
        box.Descendants(Svg + "text").First().Value.Should().EndWith("…");
        TextFit.Width(box.Descendants(Svg + "text").First().Value, 11).Should().BeLessThanOrEqualTo(FlowchartLayout.DefaultWidth - 20);
        box.Element(Svg + "title")!.Value.Should().Contain(name);
        Box(svg, "x").Descendants(Svg + "text").ElementAt(1).Value.Should().StartWith("未知类型");
    }

    private static XElement Box(XElement svg, string id) =>
        svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-activity-id") == id);

    private static string Key(XElement line) =>
        $"{line.Attribute("data-source")!.Value}:{line.Attribute("data-port")!.Value}->{line.Attribute("data-target")!.Value}";

    private static double Num(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static WorkflowDefinition Read(string file) =>
        WorkflowDefinitionReader.Read(File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "workflows", file)));

    private static FlowchartLayout Layout(WorkflowDefinition definition) => FlowchartLayout.Of(definition, Registry);

    private static XElement Draw(WorkflowDefinition definition) => XElement.Parse(FlowchartSvg.Render(Layout(definition), definition.Name ?? ""));

    private static JsonObject Activity(string id, string type, double? x, double? y)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["name"] = id };
        if (x is not null) activity["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = y } } };
        return activity;
    }

    private static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    private static WorkflowDefinition Definition(JsonObject[] activities, JsonObject[] connections) =>
        WorkflowDefinitionReader.Read(new JsonObject
        {
            ["definitionId"] = "test",
            ["name"] = "测试",
            ["root"] = new JsonObject
            {
                ["id"] = "flow", ["type"] = "Elsa.Flowchart",
                ["activities"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray()),
                ["connections"] = new JsonArray(connections.Select(c => (JsonNode)c).ToArray()),
            },
        });
}
