using System.Data;
using System.Data.Common;

namespace Certification.Workflows.Persistence;

/// <summary>Named parameters for the plain commands written beside EF Core (the runtime's step, the audit append).</summary>
public static class DbCommandParameters
{
    /// <summary>
    /// Adds <c>@name</c> (both providers accept it); null becomes DBNull. <paramref name="type"/> is for values PostgreSQL
    /// cannot infer, such as a null text used in a CASE.
    /// </summary>
    public static void AddParameter(this DbCommand command, string name, object? value, DbType? type = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        if (type is { } dbType) parameter.DbType = dbType;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
