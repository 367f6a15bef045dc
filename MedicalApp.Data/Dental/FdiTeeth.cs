namespace MedicalApp.Data.Dental;

/// <summary>FDI (ISO 3950) tooth numbers, as the database's check constraint accepts them.</summary>
public static class FdiTeeth
{
    /// <summary>Permanent 11–18, 21–28, 31–38, 41–48; primary 51–55, 61–65, 71–75, 81–85.</summary>
    public static bool IsValid(int tooth) =>
        (tooth / 10 is >= 1 and <= 4 && tooth % 10 is >= 1 and <= 8) || (tooth / 10 is >= 5 and <= 8 && tooth % 10 is >= 1 and <= 5);
}
