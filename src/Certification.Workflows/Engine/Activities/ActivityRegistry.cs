using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using Certification.Workflows.Engine.Definitions;
using Certification.Workflows.Engine.Execution;
using Certification.Workflows.Engine.Expressions;

namespace Certification.Workflows.Engine.Activities;

/// <summary>A registered activity type: its descriptor and its (shared, stateless) implementation.</summary>
public sealed class ActivityRegistration(ActivityDescriptor descriptor, IActivity implementation)
{
    public ActivityDescriptor Descriptor { get; } = descriptor;
    public IActivity Implementation { get; } = implementation;

    /// <summary>The outcomes of one configured activity: the static ones, or the dynamic ones (null when unknown before run time).</summary>
    public IReadOnlyList<string>? OutcomesOf(ActivityDefinition activity) =>
        Implementation is IDynamicOutcomes dynamic ? dynamic.GetOutcomes(activity) : Descriptor.Outcomes;
}

/// <summary>
/// The activity types the runtime knows, discovered by reflection: every public, non-abstract class
/// with <see cref="ActivityAttribute"/> that implements <see cref="IActivity"/>. Type names match
/// case-insensitively. Immutable and thread-safe.
/// </summary>
public sealed class ActivityRegistry
{
    private static readonly Lazy<ActivityRegistry> DefaultRegistry = new(() => FromAssemblies(typeof(ActivityRegistry).Assembly));

    private readonly Dictionary<string, ActivityRegistration> _byType;

    private ActivityRegistry(Dictionary<string, ActivityRegistration> byType) => _byType = byType;

    /// <summary>The built-in (<c>Elsa.*</c>) and certification (<c>Certification.*</c>) activities.</summary>
    public static ActivityRegistry Default => DefaultRegistry.Value;

    /// <summary>Discovers activities in the given assemblies (the engine's own assembly is always included).</summary>
    public static ActivityRegistry FromAssemblies(params Assembly[] assemblies)
    {
        var byType = new Dictionary<string, ActivityRegistration>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in assemblies.Append(typeof(ActivityRegistry).Assembly).Distinct())
        {
            foreach (var type in assembly.GetTypes())
            {
                var attribute = type.GetCustomAttribute<ActivityAttribute>();
                if (attribute is null || type.IsAbstract || !typeof(IActivity).IsAssignableFrom(type)) continue;
                if (type.GetConstructor(Type.EmptyTypes) is null)
                    throw new InvalidOperationException($"活动类型 {type.FullName} 需要一个公共无参构造函数。");
                var registration = new ActivityRegistration(Describe(type, attribute), (IActivity)Activator.CreateInstance(type)!);
                if (!byType.TryAdd(attribute.TypeName, registration))
                    throw new InvalidOperationException($"活动类型名 {attribute.TypeName} 重复声明（{type.FullName}）。");
            }
        }
        return new ActivityRegistry(byType);
    }

    public bool TryGet(string typeName, [NotNullWhen(true)] out ActivityRegistration? registration) =>
        _byType.TryGetValue(typeName, out registration);

    public ActivityRegistration? Find(string typeName) => _byType.GetValueOrDefault(typeName);

    /// <summary>All descriptors, ordered by category then type name.</summary>
    public IReadOnlyList<ActivityDescriptor> Describe() =>
        _byType.Values.Select(r => r.Descriptor).OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.TypeName, StringComparer.Ordinal).ToList();

    /// <summary>The descriptors as JSON (camelCase, enums as strings), e.g. for the designer.</summary>
    public JsonArray DescribeJson() => System.Text.Json.JsonSerializer.SerializeToNode(Describe(), WorkflowJson.Options)!.AsArray();

    private static ActivityDescriptor Describe(Type type, ActivityAttribute attribute)
    {
        var inputs = type.GetCustomAttributes<ActivityInputAttribute>().Select(i => new ActivityInputDescriptor(
            i.Name, i.TypeName, i.Required,
            i.Default is null ? null : ValueConverter.Normalize(ValueConverter.FromClr(i.Default), ValueConverter.KindOf(i.TypeName)),
            i.Description, i.DisplayName,
            i.Options?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))).ToList();
        var outputs = type.GetCustomAttributes<ActivityOutputAttribute>().Select(o => new ActivityOutputDescriptor(o.Name, o.TypeName, o.Description)).ToList();
        var outcomes = type.GetCustomAttribute<ActivityOutcomesAttribute>()?.Outcomes ?? [];
        return new ActivityDescriptor(attribute.TypeName, attribute.DisplayName ?? attribute.TypeName, attribute.Category,
            attribute.Description, attribute.Kind, inputs, outputs, outcomes, typeof(IDynamicOutcomes).IsAssignableFrom(type));
    }
}
