using MedicalApp.Web.Services.Printing;
using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Printing.TreatmentPlans;
using MedicalApp.Web.Features.Dental.Procedures;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.TreatmentPlans;

/// <summary>
/// The PDF of a treatment plan for any member who may view dental records (the front desk hands it over). Printing
/// writes nothing but its audit event, so a read-only practice can still print. The letterhead is the practice's own.
/// </summary>
public sealed class TreatmentPlanPrinting(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, AuditTrail audit, TreatmentPlanDocument document, TimeProvider clock)
{
    private const string DayFormat = "d MMM yyyy";

    /// <summary>The PDF and its file name; null when the plan is not found or the reader may not view dental records.</summary>
    public async Task<PrintedPdf?> RenderPdfAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewDentalRecords))
        {
            return null;
        }

        if (await TreatmentPlanQueries.FindAsync(db, planId, cancellationToken) is not { } plan)
        {
            return null;
        }

        var practiceId = db.RequirePracticeId();
        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == practiceId).Select(p => new { p.Name, p.Settings }).FirstAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == plan.Patient.Id, cancellationToken);
        var doctor = await db.TreatmentPlans.AsNoTracking().Where(p => p.Id == planId)
            .Join(db.DoctorProfiles, p => p.DoctorProfileId, d => d.Id, (p, d) => new { d.Qualification }).FirstAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var age = patient.AgeOn(practiceClock.Today) is { } years ? $"{years} y" : null;

        var print = new TreatmentPlanPrint
        {
            LetterheadName = practice.Name,
            LetterheadAddressLines = string.IsNullOrWhiteSpace(practice.Settings.LetterheadAddress) ? []
                : practice.Settings.LetterheadAddress.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            LetterheadPhone = practice.Settings.LetterheadPhone,
            LetterheadEmail = practice.Settings.LetterheadEmail,
            RegistrationLine = practice.Settings.RegistrationLine,
            DoctorName = plan.DoctorName,
            DoctorQualification = doctor.Qualification,
            PatientName = plan.Patient.Name,
            PatientAgeSex = string.Join(" / ", new[] { age, patient.Gender.ToString() }.Where(p => p is not null)),
            PatientMobile = patient.Mobile,
            Title = plan.Title,
            Date = practiceClock.Today.ToString(DayFormat, CultureInfo.InvariantCulture),
            Status = TreatmentPlanLabels.Status(plan.Status),
            Notes = plan.Notes,
            Phases = [.. plan.Phases.Select(ph => new TreatmentPlanPrintPhase(ph.Name,
                [.. ph.Procedures.Select(p => new TreatmentPlanPrintLine(p.Code, p.Name, DentalProcedureRules.DescribeTeeth(p.Teeth),
                    DentalProcedureRules.Label(p.Status), p.Status == DentalProcedureStatus.Cancelled ? "—" : DoctorPages.Rupees(p.EstimatedCost)))],
                DoctorPages.Rupees(ph.Subtotal)))],
            Total = DoctorPages.Rupees(plan.Total),
            Decision = plan.DecidedAtUtc is { } decided
                ? $"{TreatmentPlanLabels.Status(plan.Status)} on {practiceClock.ToLocal(decided).ToString(DayFormat, CultureInfo.InvariantCulture)}" +
                  $" ({plan.DecisionNote}), recorded by {plan.DecisionRecordedBy ?? "a former member"}."
                : null,
            PrintedAtUtc = practiceClock.NowUtc,
        };
        var pdf = document.Render(print);
        await audit.RecordAsync(actor.Entry(AuditActions.TreatmentPlanPrinted, nameof(Patient), patient.Id.ToString(),
            $"Printed the treatment plan “{plan.Title}” ({TreatmentPlanLabels.Status(plan.Status).ToLowerInvariant()}, {DoctorPages.Rupees(plan.Total)})."), cancellationToken);
        return new PrintedPdf(pdf, $"treatment-plan-{practiceClock.Today:yyyyMMdd}.pdf");
    }
}
