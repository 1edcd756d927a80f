namespace Certification.Workflows.Engine.Activities;

/// <summary>Whether an activity completes on its own or waits for a bookmark (task, event, timer).</summary>
public enum ActivityKind
{
    Automatic,
    Blocking,
}

/// <summary>Declares an activity type; the class must also implement <see cref="IActivity"/> and have a public parameterless constructor.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string typeName) : Attribute
{
    /// <summary><c>Namespace.Name</c>, as written in definitions' <c>type</c>.</summary>
    public string TypeName { get; } = typeName;
    public string? DisplayName { get; init; }
    public string Category { get; init; } = "";
    public string? Description { get; init; }
    public ActivityKind Kind { get; init; } = ActivityKind.Automatic;
}

/// <summary>Declares one input of an activity (repeatable).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivityInputAttribute(string name, string typeName) : Attribute
{
    /// <summary>camelCase property name in the definition.</summary>
    public string Name { get; } = name;

    /// <summary>Elsa type alias: <c>String</c>, <c>Int32</c>, <c>Decimal</c>, <c>Boolean</c>, <c>TimeSpan</c>, <c>Object</c> …</summary>
    public string TypeName { get; } = typeName;
    public bool Required { get; init; }

    /// <summary>Default when absent: a constant (decimals as strings, e.g. <c>"0.2"</c>).</summary>
    public object? Default { get; init; }
    public string? Description { get; init; }
    public string? DisplayName { get; init; }

    /// <summary>Allowed values for enumerations, comma-separated (e.g. <c>"WaitAny,WaitAll"</c>).</summary>
    public string? Options { get; init; }
}

/// <summary>The activity's static outcomes (ports).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityOutcomesAttribute(params string[] outcomes) : Attribute
{
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}

/// <summary>Declares an output an activity writes (bindable to a variable via <c>memoryReference</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivityOutputAttribute(string name, string typeName) : Attribute
{
    public string Name { get; } = name;
    public string TypeName { get; } = typeName;
    public string? Description { get; init; }
}
