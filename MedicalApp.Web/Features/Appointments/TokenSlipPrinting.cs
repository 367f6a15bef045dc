using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Printing.Tokens;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Printing;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// The token slip handed to a patient at check-in. Printing writes nothing but its audit event, so a read-only practice
/// can still print the slip of a patient already checked in.
/// </summary>
public sealed class TokenSlipPrinting(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, AuditTrail audit, TokenSlipDocument document, TimeProvider clock)
{
    /// <summary>The PDF; null when there is no such checked-in visit here or the reader may not manage appointments.</summary>
    public async Task<PrintedPdf?> RenderPdfAsync(Guid appointmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.BookAppointments))
        {
            return null;
        }

        var visit = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId && a.TokenNumber != null && a.ArrivedAtUtc != null)
            .Select(a => new
            {
                a.Id,
                a.Number,
                a.PatientId,
                a.TokenNumber,
                a.ArrivedAtUtc,
                PatientName = a.Patient!.FirstName + " " + a.Patient.LastName,
                DoctorName = a.Doctor!.Membership!.User!.FullName,
                LocationName = a.ClinicLocation!.Name,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (visit is null)
        {
            return null;
        }

        var practiceId = db.RequirePracticeId();
        var practiceName = await db.Practices.AsNoTracking().Where(p => p.Id == practiceId).Select(p => p.Name).SingleAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var token = AppointmentTokens.Format(visit.TokenNumber!.Value);
        var pdf = document.Render(new TokenSlipPrint
        {
            PracticeName = practiceName,
            Token = token,
            DoctorName = visit.DoctorName,
            LocationName = visit.LocationName,
            PatientName = visit.PatientName.Trim(),
            ArrivedAt = practiceClock.ToLocal(visit.ArrivedAtUtc!.Value).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture),
            AppointmentNumber = visit.Number,
            ArrivedAtUtc = visit.ArrivedAtUtc.Value,
        });
        await audit.RecordAsync(actor.Entry(AuditActions.TokenSlipPrinted, nameof(Appointment), visit.Id.ToString(),
            $"{visit.Number}: printed the slip of token {token}."), cancellationToken);
        return new PrintedPdf(pdf, $"token-{token}.pdf");
    }
}
