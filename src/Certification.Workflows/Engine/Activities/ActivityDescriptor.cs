using System.Text.Json.Nodes;

namespace Certification.Workflows.Engine.Activities;

/// <summary>What an activity type offers, for validation and the designer (JSON-serialisable).</summary>
public sealed record ActivityDescriptor(
    string TypeName,
    string DisplayName,
    string Category,
    string? Description,
    ActivityKind Kind,
    IReadOnlyList<ActivityInputDescriptor> Inputs,
    IReadOnlyList<ActivityOutputDescriptor> Outputs,
    IReadOnlyList<string> Outcomes,
    bool HasDynamicOutcomes)
{
    public ActivityInputDescriptor? FindInput(string name) =>
        Inputs.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
}

public sealed record ActivityInputDescriptor(
    string Name,
    string TypeName,
    bool Required,
    JsonNode? DefaultValue,
    string? Description,
    string? DisplayName,
    IReadOnlyList<string>? Options);

public sealed record ActivityOutputDescriptor(string Name, string TypeName, string? Description);
