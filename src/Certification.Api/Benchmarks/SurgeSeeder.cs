using Certification.Api.Identity;
using Microsoft.AspNetCore.Identity;

namespace Certification.Api.Benchmarks;

/// <summary>
/// <c>bench seed-surge</c>: drafts ready to submit in a batch open today (by the real clock, which the host uses),
/// each with an enterprise account that may submit it, for the HTTP load generator in <c>bench/</c>. The accounts
/// share one password; its hash is computed once and reused (the hash carries its salt), so seeding thousands of
/// accounts does not cost thousands of key derivations. Writes one line per application: user name, tab, application id.
/// </summary>
public static class SurgeSeeder
{
    public static async Task<int> SeedAsync(BenchHost host, int applications, string password, TextWriter output, TextWriter log)
    {
        var (_, drafts) = await new LifecycleBenchmark(host, 3, 1, log).SeedAsync(applications);
        string? hash = null;
        var prefix = $"surge-{Guid.NewGuid():N}"[..14];
        foreach (var draft in drafts)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var userName = $"{prefix}-{draft.Index}";
            if (hash is null)
            {
                var first = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
                    .CreateAsync(new NewAccount(userName, password, "enterprise", null, draft.EnterpriseId, null, null));
                hash = first.PasswordHash;
            }
            else
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<CertificationUser>>();
                var user = new CertificationUser { UserName = userName, EnterpriseId = draft.EnterpriseId, PasswordHash = hash };
                Check(await users.CreateAsync(user));
                Check(await users.AddToRoleAsync(user, "enterprise"));
            }
            await output.WriteLineAsync($"{userName}\t{draft.ApplicationId}");
        }
        return drafts.Count;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
