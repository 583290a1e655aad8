namespace Ironic.Data;

/// <summary>How a <see cref="Filter"/> compares.</summary>
public enum FilterOp
{
    Equal,
    EqualIgnoreCase,
    Contains,
    IsNull,
    IsNotNull,
    In,
}
