namespace MedicalApp.Printing.Documents;

/// <summary>Lengths in the document model are PDF points (1/72 inch); these convert from the units people choose.</summary>
public static class Units
{
    public const float PointsPerInch = 72f;

    public const float MillimetresPerInch = 25.4f;

    public static float Mm(float millimetres) => millimetres * PointsPerInch / MillimetresPerInch;

    public static float Inches(float inches) => inches * PointsPerInch;
}

/// <summary>A sheet of paper, in points, portrait.</summary>
public readonly record struct PageSize(string Name, float Width, float Height)
{
    public static PageSize A4 { get; } = new("A4", Units.Mm(210f), Units.Mm(297f));

    public static PageSize A5 { get; } = new("A5", Units.Mm(148f), Units.Mm(210f));

    public static PageSize Letter { get; } = new("Letter", Units.Inches(8.5f), Units.Inches(11f));
}

/// <summary>Space around the page's printable area (or inside a box), in points.</summary>
public readonly record struct Spacing(float Top, float Right, float Bottom, float Left)
{
    public static Spacing None { get; } = new(0, 0, 0, 0);

    public static Spacing All(float points) => new(points, points, points, points);

    public static Spacing Symmetric(float vertical, float horizontal) => new(vertical, horizontal, vertical, horizontal);

    public float Horizontal => Left + Right;

    public float Vertical => Top + Bottom;
}

/// <summary>An sRGB colour with alpha; kept free of SkiaSharp so documents are composed without it.</summary>
public readonly record struct Colour(byte Red, byte Green, byte Blue, byte Alpha = 255)
{
    public static Colour Black { get; } = new(0, 0, 0);

    public static Colour White { get; } = new(255, 255, 255);

    /// <summary>From "#RRGGBB" or "#AARRGGBB".</summary>
    public static Colour Hex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.TrimStart('#');
        var value = Convert.ToUInt32(digits, 16);
        return digits.Length switch
        {
            6 => new((byte)(value >> 16), (byte)(value >> 8), (byte)value),
            8 => new((byte)(value >> 16), (byte)(value >> 8), (byte)value, (byte)(value >> 24)),
            _ => throw new FormatException($"'{hex}' is not a colour: use #RRGGBB or #AARRGGBB."),
        };
    }
}

public enum TextAlign
{
    Left,
    Centre,
    Right,
}

public enum VerticalAlign
{
    Top,
    Middle,
    Bottom,
}
