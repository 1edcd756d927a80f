using System.Text.Json.Nodes;
using Certification.Workflows.Features.Workflows;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Definitions;
using Certification.Workflows.Tests.Engine;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Workflows.Tests.Runtime;

public sealed class DefinitionStoreTests : IAsyncLifetime
{
    private DurableHost _host = null!;

    public async Task InitializeAsync() => _host = await DurableHost.CreateAsync();
    public async Task DisposeAsync() => await _host.DeleteAsync();

    private static JsonObject WaitingFlow(string definitionId = "waiting-flow", int fileVersion = 7) =>
        Flows.EventThenEnd(definitionId, fileVersion);

    [Fact]
    public async Task An_import_is_a_draft_numbered_after_the_stored_versions_whatever_the_file_says()
    {
        var first = await _host.Send(new ImportDefinition(WaitingFlow(fileVersion: 7).ToJsonString()));
        var second = await _host.Send(new ImportDefinition(WaitingFlow(fileVersion: 1).ToJsonString()));

        first.Version.Should().Be(1);
        second.Version.Should().Be(2);
        second.IsPublished.Should().BeFalse();
        second.IsLatest.Should().BeTrue();
        (await _host.Send(new ListDefinitions())).Single(d => d.Version == 1).IsLatest.Should().BeFalse();
    }

    [Fact]
    public async Task Publishing_version_two_retracts_version_one_and_running_instances_stay_on_their_version()
    {
        var v1 = await _host.PublishAsync(WaitingFlow());
        var running = await _host.StartAsync("waiting-flow");
        var v2 = await _host.PublishAsync(WaitingFlow());
        var newer = await _host.StartAsync("waiting-flow");

        var versions = await _host.Send(new ListDefinitions());
        versions.Single(d => d.Version == v1).IsPublished.Should().BeFalse();
        versions.Single(d => d.Version == v1).RetractedAt.Should().NotBeNull();
        versions.Single(d => d.Version == v2).IsPublished.Should().BeTrue();
        var instances = await _host.Query(db => db.WorkflowInstances.ToDictionaryAsync(i => i.Id, i => i.DefinitionVersion));
        instances[running.InstanceId!].Should().Be(v1);
        instances[newer.InstanceId!].Should().Be(v2);

        // The old instance still resumes on version 1.
        var bookmark = await _host.Query(db => db.Bookmarks.SingleAsync(b => b.InstanceId == running.InstanceId));
        (await _host.ResumeAsync(bookmark.Id)).Status.Should().Be("Finished");
    }

    [Fact]
    public async Task An_export_equals_the_import_apart_from_the_version_and_its_flags()
    {
        var document = JsonNode.Parse(TestData.Read("studio-nested.json"))!.AsObject();
        var draft = await _host.Send(new ImportDefinition(document.ToJsonString()));

        var exported = JsonNode.Parse(await _host.Send(new ExportDefinition(draft.DefinitionId, draft.Version)))!.AsObject();

        foreach (var flag in new[] { "version", "isLatest", "isPublished" })
        {
            exported.Remove(flag);
            document.Remove(flag);
        }
        JsonNode.DeepEquals(exported, document).Should().BeTrue();
    }

    [Fact]
    public async Task Publishing_an_invalid_definition_is_refused_naming_the_activity_and_changes_nothing()
    {
        var document = WaitingFlow();
        document["root"]!["activities"]!.AsArray().Add(Def.Activity("mystery", "Acme.Unknown"));
        document["root"]!["connections"]!.AsArray().Add(Def.Connect("start", "mystery"));
        var draft = await _host.Send(new ImportDefinition(document.ToJsonString()));

        var publish = () => _host.Send(new PublishDefinition(draft.DefinitionId, draft.Version));

        (await publish.Should().ThrowAsync<RequestValidationException>())
            .Which.Errors.Should().Contain(e => e.Field.Contains("mystery"));
        (await _host.Send(new ListDefinitions())).Single().IsPublished.Should().BeFalse();
    }

    [Fact]
    public async Task The_shipped_definitions_are_published_on_first_start_and_never_imported_twice()
    {
        async Task<int> EnsurePublished() => await _host.InScope(sp => ShippedDefinitions.EnsurePublishedAsync(
            sp.GetRequiredService<CertificationDbContext>(), sp.GetRequiredService<IMediator>()));

        (await EnsurePublished()).Should().Be(5);
        (await EnsurePublished()).Should().Be(0);

        var published = (await _host.Send(new ListDefinitions())).Where(d => d.IsPublished).Select(d => d.DefinitionId);
        published.Should().BeEquivalentTo(
            ["innovative-certification", "specialized-certification", "little-giant-certification", "re-evaluation", "change-report"]);
    }
}

/// <summary>Small definitions for runtime tests.</summary>
public static class Flows
{
    /// <summary>Start → Event("Ping") → End.</summary>
    public static JsonObject EventThenEnd(string definitionId = "waiting-flow", int fileVersion = 1)
    {
        var document = Def.Document(
            [Def.Activity("start", "Elsa.Start"), Def.Activity("ping", "Elsa.Event", ("eventName", Def.Literal("Ping", "String"))), Def.Activity("end", "Elsa.End")],
            [Def.Connect("start", "ping"), Def.Connect("ping", "end")],
            definitionId: definitionId);
        document["version"] = fileVersion;
        return document;
    }

    /// <summary>Start → Delay(5 minutes) → SetVariable(fired = true) → End.</summary>
    public static JsonObject DelayThenEnd(string definitionId = "delay-flow") => Def.Document(
        [
            Def.Activity("start", "Elsa.Start"),
            Def.Activity("wait", "Elsa.Delay", ("timeSpan", Def.Literal("00:05:00", "TimeSpan"))),
            Def.Activity("mark", "Elsa.SetVariable", ("variable", Def.Literal("fired", "String")), ("value", Def.Literal(true, "Boolean"))),
            Def.Activity("end", "Elsa.End"),
        ],
        [Def.Connect("start", "wait"), Def.Connect("wait", "mark"), Def.Connect("mark", "end")],
        [Def.Variable("fired", "Boolean", "false")],
        definitionId);
}
