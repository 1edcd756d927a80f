using Certification.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Identity;

/// <summary>
/// ASP.NET Core Identity's tables (users, roles, claims, logins, tokens) in the product's own database, beside the
/// lifecycle tables, with a migrations history of its own (<see cref="HistoryTable"/>). Hand-written migrations
/// like the lifecycle's; IdentityMigrationsMatchModelTests checks them.
/// </summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : IdentityDbContext<CertificationUser, IdentityRole, string>(options)
{
    public const string HistoryTable = "__IdentityMigrationsHistory";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<CertificationUser>(user =>
        {
            user.Property(u => u.RegionPrefix).HasMaxLength(12).IsRequired();
            user.Property(u => u.EnterpriseId).HasMaxLength(64);
            user.Property(u => u.ExpertId).HasMaxLength(64);
            user.Property(u => u.ReviewStage).HasMaxLength(20);
        });
    }

    public static void Configure(DatabaseSettings database, DbContextOptionsBuilder options) => database.Configure(options, HistoryTable);
}
