namespace Ironic.Drivers;

/// <summary>What a driver vendor method receives instead of a node task (Ironic's request context).</summary>
public interface IDriverContext
{
    /// <summary>The hardware type the call was made on, e.g. <c>fake-hardware</c>.</summary>
    string DriverName { get; }
}
