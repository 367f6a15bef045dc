using MedicalApp.Web.Features.Consultations;

namespace MedicalApp.Tests.Features.Consultations;

/// <summary>
/// What a consultation may hold, as the page and the service both check it: vitals a living patient can show, the
/// blood pressure as two numbers in order, a follow-up within a year, lengths the database keeps, and medicine lines.
/// </summary>
public sealed class ConsultationRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static PrescriptionLineInput Line(Guid? medicineId = null, bool global = true, string? dose = "1 tablet", string? frequency = "1-0-1") =>
        new() { IsGlobal = global, MedicineId = medicineId ?? Guid.NewGuid(), Dose = dose, Frequency = frequency, Duration = "5 days", Quantity = 10 };

    private static Dictionary<string, string> Errors(ConsultationInput input, bool finalising = false) => ConsultationRules.Errors(input, Today, finalising);

    [Fact]
    public void A_complete_plausible_consultation_has_no_errors_even_when_finalising()
    {
        var input = new ConsultationInput
        {
            ChiefComplaint = "Fever for three days", Symptoms = "Fever, body ache", Findings = "Throat congested", Diagnosis = "Viral fever",
            Advice = "Plenty of fluids", FollowUpOn = Today.AddDays(5),
            BloodPressureSystolic = 120, BloodPressureDiastolic = 80, PulsePerMinute = 88, TemperatureCelsius = 38.4m, WeightKg = 62.5m, SpO2Percent = 98,
            Lines = [Line(), Line()],
        };

        Assert.Empty(Errors(input, finalising: true));
    }

    [Fact]
    public void An_empty_consultation_is_a_valid_draft()
    {
        Assert.Empty(Errors(new ConsultationInput()));
    }

    // ---------- Vitals ----------

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(280, true)]
    [InlineData(281, false)]
    public void Systolic_pressure_is_between_50_and_280(int systolic, bool valid)
    {
        var errors = Errors(new ConsultationInput { BloodPressureSystolic = systolic, BloodPressureDiastolic = 40 });

        Assert.Equal(valid, !errors.ContainsKey(ConsultationFields.BloodPressure));
        if (!valid)
        {
            Assert.Equal("Systolic pressure must be between 50 and 280 mmHg.", errors[ConsultationFields.BloodPressure]);
        }
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    [InlineData(180, true)]
    [InlineData(181, false)]
    public void Diastolic_pressure_is_between_20_and_180(int diastolic, bool valid)
    {
        var errors = Errors(new ConsultationInput { BloodPressureSystolic = 200, BloodPressureDiastolic = diastolic });

        Assert.Equal(valid, !errors.ContainsKey(ConsultationFields.BloodPressure));
        if (!valid)
        {
            Assert.Equal("Diastolic pressure must be between 20 and 180 mmHg.", errors[ConsultationFields.BloodPressure]);
        }
    }

    [Theory]
    [InlineData(120, null)]
    [InlineData(null, 80)]
    public void A_blood_pressure_needs_both_numbers(int? systolic, int? diastolic)
    {
        var errors = Errors(new ConsultationInput { BloodPressureSystolic = systolic, BloodPressureDiastolic = diastolic });

        Assert.Equal("Enter both numbers of the blood pressure (e.g. 120/80).", errors[ConsultationFields.BloodPressure]);
    }

    [Theory]
    [InlineData(80, 120)]
    [InlineData(90, 90)]
    public void The_first_number_of_a_blood_pressure_is_the_higher_one(int systolic, int diastolic)
    {
        var errors = Errors(new ConsultationInput { BloodPressureSystolic = systolic, BloodPressureDiastolic = diastolic });

        Assert.Equal("The first number of a blood pressure is the higher one (e.g. 120/80).", errors[ConsultationFields.BloodPressure]);
    }

    [Fact]
    public void No_blood_pressure_at_all_is_fine()
    {
        Assert.DoesNotContain(ConsultationFields.BloodPressure, Errors(new ConsultationInput { PulsePerMinute = 72 }).Keys);
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    [InlineData(250, true)]
    [InlineData(251, false)]
    [InlineData(1200, false)]
    public void Pulse_is_between_20_and_250(int pulse, bool valid)
    {
        Assert.Equal(valid, ConsultationRules.PulseError(pulse) is null);
        Assert.Equal(valid, !Errors(new ConsultationInput { PulsePerMinute = pulse }).ContainsKey(ConsultationFields.Pulse));
    }

    [Theory]
    [InlineData("29.9", false)]
    [InlineData("30", true)]
    [InlineData("45", true)]
    [InlineData("45.1", false)]
    [InlineData("98.6", false)]
    public void Temperature_is_in_celsius_between_30_and_45(string celsius, bool valid)
    {
        var value = decimal.Parse(celsius, System.Globalization.CultureInfo.InvariantCulture);

        var errors = Errors(new ConsultationInput { TemperatureCelsius = value });

        Assert.Equal(valid, !errors.ContainsKey(ConsultationFields.Temperature));
        if (!valid)
        {
            Assert.Equal("Temperature must be between 30 and 45 °C.", errors[ConsultationFields.Temperature]);
        }
    }

    [Theory]
    [InlineData("0.2", false)]
    [InlineData("0.3", true)]
    [InlineData("350", true)]
    [InlineData("350.1", false)]
    public void Weight_is_between_300_grams_and_350_kilograms(string kg, bool valid)
    {
        var value = decimal.Parse(kg, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(valid, !Errors(new ConsultationInput { WeightKg = value }).ContainsKey(ConsultationFields.Weight));
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void SpO2_is_a_percentage_from_50(int spO2, bool valid)
    {
        Assert.Equal(valid, !Errors(new ConsultationInput { SpO2Percent = spO2 }).ContainsKey(ConsultationFields.SpO2));
    }

    [Fact]
    public void Each_wrong_vital_is_reported_on_its_own_field()
    {
        var errors = Errors(new ConsultationInput
        {
            BloodPressureSystolic = 300, BloodPressureDiastolic = 80, PulsePerMinute = 5, TemperatureCelsius = 50m, WeightKg = 0m, SpO2Percent = 101,
        });

        Assert.Equal(
            new[] { ConsultationFields.BloodPressure, ConsultationFields.Pulse, ConsultationFields.SpO2, ConsultationFields.Temperature, ConsultationFields.Weight }.Order(),
            errors.Keys.Order());
    }

    // ---------- Follow-up, lengths, diagnosis ----------

    [Theory]
    [InlineData(-1, "The follow-up date cannot be in the past.")]
    [InlineData(0, null)]
    [InlineData(366, null)]
    [InlineData(367, "The follow-up date must be within a year.")]
    public void The_follow_up_is_from_today_to_a_year_ahead(int daysAhead, string? error)
    {
        Assert.Equal(error, Errors(new ConsultationInput { FollowUpOn = Today.AddDays(daysAhead) }).GetValueOrDefault(ConsultationFields.FollowUpOn));
    }

    [Fact]
    public void Texts_are_limited_to_what_the_record_keeps_counting_without_outer_spaces()
    {
        var atLimits = new ConsultationInput
        {
            ChiefComplaint = "  " + new string('c', 500) + "  ", Symptoms = new string('s', 2000), Findings = new string('f', 2000),
            Diagnosis = new string('d', 500), Advice = new string('a', 2000),
        };
        var over = new ConsultationInput
        {
            ChiefComplaint = new string('c', 501), Symptoms = new string('s', 2001), Findings = new string('f', 2001),
            Diagnosis = new string('d', 501), Advice = new string('a', 2001),
        };

        Assert.Empty(Errors(atLimits));
        var errors = Errors(over);
        Assert.Equal("The chief complaint can be at most 500 characters.", errors[ConsultationFields.ChiefComplaint]);
        Assert.Equal("Symptoms can be at most 2000 characters.", errors[ConsultationFields.Symptoms]);
        Assert.Equal("Findings can be at most 2000 characters.", errors[ConsultationFields.Findings]);
        Assert.Equal("The diagnosis can be at most 500 characters.", errors[ConsultationFields.Diagnosis]);
        Assert.Equal("Advice can be at most 2000 characters.", errors[ConsultationFields.Advice]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void The_diagnosis_is_required_to_finalise_only(string? diagnosis)
    {
        var input = new ConsultationInput { Diagnosis = diagnosis, Lines = [Line()] };

        Assert.DoesNotContain(ConsultationFields.Diagnosis, Errors(input, finalising: false).Keys);
        Assert.Equal("Enter the diagnosis: a prescription cannot be finalised without one.", Errors(input, finalising: true)[ConsultationFields.Diagnosis]);
    }

    // ---------- Medicine lines ----------

    [Fact]
    public void Blank_lines_are_ignored_wherever_they_are()
    {
        var input = new ConsultationInput { Diagnosis = "Fever", Lines = [new PrescriptionLineInput(), Line(), new PrescriptionLineInput { Dose = "   " }] };

        Assert.True(input.Lines[0].IsBlank);
        Assert.True(input.Lines[2].IsBlank);
        Assert.Empty(Errors(input, finalising: true));
    }

    [Fact]
    public void A_line_with_details_but_no_medicine_asks_for_the_medicine()
    {
        var input = new ConsultationInput { Lines = [Line(), new PrescriptionLineInput { Dose = "1 tablet", MedicineLabel = "typed, not chosen" }] };

        Assert.Equal("Choose a medicine from the list, or type /CODE for a short key.", Errors(input)[ConsultationFields.Line(1, "Medicine")]);
    }

    [Fact]
    public void The_same_medicine_twice_is_refused_on_the_later_line()
    {
        var amoxicillin = Guid.NewGuid();
        var input = new ConsultationInput { Lines = [Line(amoxicillin), Line(), Line(amoxicillin)] };

        var errors = Errors(input);

        Assert.Equal(["Lines[2].Medicine"], errors.Keys);
        Assert.Equal("This medicine is already on the prescription.", errors["Lines[2].Medicine"]);
    }

    [Fact]
    public void A_global_and_a_practice_medicine_with_the_same_id_are_different_medicines()
    {
        var id = Guid.NewGuid();

        Assert.Empty(Errors(new ConsultationInput { Lines = [Line(id, global: true), Line(id, global: false)] }));
    }

    [Fact]
    public void Line_fields_are_limited_and_the_quantity_is_from_1_to_1000()
    {
        var over = Line();
        over.Dose = new string('d', 61);
        over.Frequency = new string('f', 61);
        over.Duration = new string('u', 61);
        over.Instructions = new string('i', 301);
        over.Quantity = 1001;
        var atLimits = Line();
        atLimits.Dose = new string('d', 60);
        atLimits.Frequency = new string('f', 60);
        atLimits.Duration = new string('u', 60);
        atLimits.Instructions = new string('i', 300);
        atLimits.Quantity = 1000;
        var none = Line();
        none.Quantity = 0;

        var errors = Errors(new ConsultationInput { Lines = [atLimits, over, none] });

        Assert.Equal(["Lines[1].Dose", "Lines[1].Duration", "Lines[1].Frequency", "Lines[1].Instructions", "Lines[1].Quantity", "Lines[2].Quantity"], errors.Keys.Order());
        Assert.Equal("Quantity must be between 1 and 1000.", errors["Lines[2].Quantity"]);
        Assert.Equal("Instructions can be at most 300 characters.", errors["Lines[1].Instructions"]);
    }

    [Fact]
    public void To_finalise_each_line_says_how_it_is_taken()
    {
        var input = new ConsultationInput { Diagnosis = "Fever", Lines = [Line(dose: null, frequency: null), Line(dose: "5 ml", frequency: null), Line(dose: null, frequency: "1-0-1")] };

        Assert.Empty(Errors(input, finalising: false));
        Assert.Equal(["Lines[0].Frequency"], Errors(input, finalising: true).Keys);
    }

    [Fact]
    public void A_prescription_has_at_most_forty_medicines()
    {
        var forty = new ConsultationInput { Lines = [.. Enumerable.Range(0, ConsultationRules.MaxLines).Select(_ => Line())] };
        var fortyOne = new ConsultationInput { Lines = [.. Enumerable.Range(0, ConsultationRules.MaxLines + 1).Select(_ => Line()), new PrescriptionLineInput()] };

        Assert.Empty(Errors(forty));
        Assert.Equal("A prescription can have at most 40 medicines.", Errors(fortyOne)[ConsultationFields.Lines]);
    }

    [Fact]
    public void Texts_are_trimmed_and_blank_ones_become_nothing()
    {
        Assert.Null(ConsultationRules.Clean("   "));
        Assert.Null(ConsultationRules.Clean(null));
        Assert.Equal("1-0-1", ConsultationRules.Clean("  1-0-1 "));
    }
}
