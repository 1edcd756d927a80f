using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Validation;

namespace Certification.Api.Diagrams;

/// <summary>
/// What the workflow pages show of a definition: the drawing, the activities as a list (the drawing's text
/// alternative, each row the target of its box's link), the connections, and the validation problems pointed at the
/// activities they concern.
/// </summary>
public sealed class FlowchartView
{
    private FlowchartView(WorkflowDefinition definition, FlowchartLayout layout, IReadOnlyList<ValidationError> errors, DiagramMarks marks)
    {
        Definition = definition;
        Layout = layout;
        Errors = errors;
        Marks = marks;
    }

    public WorkflowDefinition Definition { get; }
    public FlowchartLayout Layout { get; }
    public IReadOnlyList<ValidationError> Errors { get; }
    public DiagramMarks Marks { get; }

    public string Title => $"流程图：{Definition.Name ?? Definition.DefinitionId}";

    public string Svg => FlowchartSvg.Render(Layout, Title, Marks, "flow");

    /// <summary>Problems of the document itself or of activities that are not in it (nothing to point at in the drawing).</summary>
    public IEnumerable<ValidationError> DocumentErrors => Errors.Where(e => Layout.Find(e.ActivityId) is null);

    public IReadOnlyList<string> ErrorsOf(string activityId) => Marks.Errors.GetValueOrDefault(activityId) ?? [];

    /// <summary>The anchor of an activity's row in the list (what its box links to).</summary>
    public static string RowAnchor(string activityId) => "activity-" + Uri.EscapeDataString(activityId);

    /// <summary>The anchor of an activity's box in the drawing.</summary>
    public static string BoxAnchor(string activityId) => "flow-" + activityId;

    /// <summary>The view of a definition's JSON, or null when it is not a readable definition at all (the caller shows why).</summary>
    public static FlowchartView? TryOf(string json, ActivityRegistry registry, IReadOnlyList<ValidationError> errors,
        IReadOnlyList<string>? executed = null, IReadOnlyCollection<string>? waiting = null)
    {
        WorkflowDefinition definition;
        try
        {
            definition = WorkflowDefinitionReader.Read(json);
        }
        catch (WorkflowDefinitionFormatException)
        {
            return null;
        }
        var byActivity = errors.Where(e => e.ActivityId.Length > 0)
            .GroupBy(e => e.ActivityId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(e => e.Message).ToList());
        var marks = new DiagramMarks
        {
            Errors = byActivity,
            Executed = executed ?? [],
            Waiting = waiting ?? [],
            LinkOf = id => "#" + RowAnchor(id),
        };
        return new FlowchartView(definition, FlowchartLayout.Of(definition, registry), errors, marks);
    }
}
