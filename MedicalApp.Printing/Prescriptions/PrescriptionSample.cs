using SkiaSharp;

namespace MedicalApp.Printing.Prescriptions;

public sealed partial record PrescriptionPrint
{
    private static readonly Lazy<byte[]> SampleLogo = new(DrawSampleLogo);

    /// <summary>
    /// A made-up prescription for the print settings' preview, the warm-up at start and the benchmark: a Chennai clinic
    /// with a logo, five medicines, a patient's name in Latin and Devanagari, and advice in English, Hindi and Tamil.
    /// One page in the A4 and Letter templates.
    /// </summary>
    public static PrescriptionPrint Sample() => new()
    {
        LetterheadName = "Sunrise Family Clinic",
        LetterheadAddressLines = ["14, 2nd Avenue, Anna Nagar", "Chennai 600040, Tamil Nadu"],
        LetterheadPhone = "+91 44 2626 1234",
        LetterheadEmail = "care@sunriseclinic.example",
        RegistrationLine = "Clinical Establishment Reg. No. TN/CHN/CE/2024/01234",
        Logo = SampleLogo.Value,
        DoctorName = "Dr. Priya Raman",
        DoctorQualification = "MBBS, MD (General Medicine)",
        DoctorSpecialization = "Consultant Physician",
        DoctorRegistrationNumber = "TNMC 87654",
        PatientName = "Rajesh Kumar Sharma (राजेश कुमार शर्मा)",
        PatientAge = "42 y",
        PatientSex = "Male",
        PatientMobile = "+91 98400 12345",
        PatientAllergies = "Penicillin",
        Date = "26 Nov 2026",
        RxNumber = "RX-2026-000123",
        Diagnosis = "Acute febrile illness with pharyngitis",
        Lines =
        [
            new("Paracetamol", "Dolo 650", "650 mg", "1 tablet", "1-0-1", "5 days", "After food", "10 tablets", "Only when the temperature is above 100\u00A0°F"),
            new("Azithromycin", "Azee 500", "500 mg", "1 tablet", "Once a day", "3 days", "Before food", "3 tablets"),
            new("Cetirizine", "Okacet", "10 mg", "1 tablet", "0-0-1", "5 days", "At bedtime", "5 tablets", "May cause drowsiness"),
            new("Pantoprazole", "Pan 40", "40 mg", "1 tablet", "1-0-0", "5 days", "Empty stomach", "5 tablets"),
            new("Oral rehydration salts", "Electral", "21.8 g", "1 sachet in 1 L water", "As needed", "3 days", "Through the day", "6 sachets", "தண்ணீரில் கலந்து குடிக்கவும்"),
        ],
        Advice = "Drink plenty of fluids and rest for three days.\nखूब पानी पिएँ और तीन दिन आराम करें।\nதினமும் போதுமான அளவு தண்ணீர் குடிக்கவும்.",
        FollowUp = "Review on 1 Dec 2026, earlier if the fever lasts beyond three days",
        WrittenAtUtc = new DateTime(2026, 11, 26, 4, 30, 0, DateTimeKind.Utc),
    };

    /// <summary>A simple made-up logo (a sun over a cross on a rounded square), drawn once per process.</summary>
    private static byte[] DrawSampleLogo()
    {
        const int Size = 240;
        using var bitmap = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { IsAntialias = true })
        {
            canvas.Clear(SKColors.Transparent);
            paint.Color = new SKColor(0x0E, 0x61, 0x70);
            canvas.DrawRoundRect(new SKRect(0, 0, Size, Size), 44, 44, paint);
            paint.Color = new SKColor(0xF5, 0xA6, 0x23);
            canvas.DrawCircle(Size / 2f, Size / 2f, 74, paint);
            paint.Color = SKColors.White;
            canvas.DrawRect(new SKRect(100, 60, 140, 180), paint);
            canvas.DrawRect(new SKRect(60, 100, 180, 140), paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
