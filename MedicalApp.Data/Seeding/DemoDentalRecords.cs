using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Data.Seeding;

/// <summary>
/// Sunrise's dental patient (Priya Shetty) gets a charted history from its dentist: a first visit three weeks ago with
/// five findings, a second a week later at which the caries on 36 was restored, the remaining work planned (root canal
/// and crown on 46, composite on 11, removal of the impacted 18) and the treatment plan the patient accepted. Added
/// once, when the practice has no dental records yet. The X-ray on 46 is added by the web app (it needs the file store).
/// </summary>
public static class DemoDentalRecords
{
    public const string PatientMobile = "9845098450";

    internal static async Task EnsureAsync(IServiceScopeFactory scopeFactory, Practice sunrise, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(TenantSnapshot.From(sunrise));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContextAsync(cancellationToken);
        if (await db.DentalObservations.AnyAsync(cancellationToken))
        {
            return;
        }

        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Mobile == PatientMobile && p.IsPrimary, cancellationToken);
        var doctor = await db.DoctorProfiles.Include(d => d.Locations).Include(d => d.Membership)
            .FirstOrDefaultAsync(d => d.Membership!.User!.Email == "owner@sunrise.test", cancellationToken);
        if (patient is null || doctor is null || doctor.Locations.Count == 0)
        {
            return;
        }

        var zone = DemoPatients.FindZone(sunrise.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var by = doctor.Membership!.UserId;
        var first = AddVisit(db, patient, doctor, zone, today.AddDays(-21), new(10, 30), "Pain on chewing, lower right, for two weeks", by);
        first.Consultation.Findings = "Deep caries 36 (OD). 46 tender on percussion; IOPA: periapical radiolucency. 18 partially erupted, gum flap inflamed. Enamel chip on 11.";
        first.Consultation.Diagnosis = "Dental caries 36; chronic apical periodontitis 46; impacted 18";
        first.Consultation.Advice = "Warm saline rinses after meals; avoid chewing on the right side until the root canal.";
        var second = AddVisit(db, patient, doctor, zone, today.AddDays(-14), new(11, 0), "Filling on 36 as planned", by);
        second.Consultation.Findings = "36 restored with composite (OD). 46 still tender; root canal booked.";
        second.Consultation.Diagnosis = "Caries 36 restored";

        var recordedAt = first.Consultation.StartedAtUtc.AddMinutes(10);
        DentalObservation Observe(int tooth, DentalCondition condition, ToothSurfaces surfaces, DentalSeverity? severity, string notes, bool treatmentRequired)
        {
            var observation = new DentalObservation
            {
                Id = Guid.CreateVersion7(), PatientId = patient.Id, ConsultationId = first.Consultation.Id, DoctorProfileId = doctor.Id, Tooth = tooth,
                Surfaces = surfaces, Condition = condition, Severity = severity, Notes = notes, TreatmentRequired = treatmentRequired,
                RecordedAtUtc = recordedAt, RecordedByUserId = by, UpdatedAtUtc = recordedAt,
            };
            db.DentalObservations.Add(observation);
            return observation;
        }

        var caries36 = Observe(36, DentalCondition.Caries, ToothSurfaces.OcclusalIncisal | ToothSurfaces.Distal, DentalSeverity.Moderate,
            "Deep occlusal-distal caries, no pulp exposure.", true);
        var lesion46 = Observe(46, DentalCondition.PeriapicalLesion, ToothSurfaces.None, DentalSeverity.Moderate,
            "Periapical radiolucency on the IOPA; tender on percussion.", true);
        var impacted18 = Observe(18, DentalCondition.Impacted, ToothSurfaces.None, DentalSeverity.Mild,
            "Partially erupted, distoangular; recurrent pericoronitis.", true);
        Observe(26, DentalCondition.Restoration, ToothSurfaces.OcclusalIncisal, null, "Old amalgam restoration, margins intact.", false);
        var fracture11 = Observe(11, DentalCondition.Fracture, ToothSurfaces.OcclusalIncisal, DentalSeverity.Mild, "Enamel chip on the incisal edge.", true);

        var plan = new TreatmentPlan
        {
            Id = Guid.CreateVersion7(), PatientId = patient.Id, DoctorProfileId = doctor.Id, Title = "Restorative and endodontic plan",
            Notes = "Costs are estimates; the crown shade is chosen after the root canal.", Status = TreatmentPlanStatus.Accepted,
            DecidedAtUtc = second.Consultation.StartedAtUtc, DecisionRecordedByUserId = by, DecisionNote = "Agreed after discussing the costs; signed the printed plan.",
            CreatedAtUtc = recordedAt.AddMinutes(15), CreatedByUserId = by, UpdatedAtUtc = second.Consultation.StartedAtUtc,
        };
        string[] phaseNames = ["Phase 1 — relief of pain", "Phase 2 — restoration", "Phase 3 — surgery"];
        foreach (var (name, position) in phaseNames.Select((n, i) => (n, i + 1)))
        {
            plan.Phases.Add(new TreatmentPlanPhase { Id = Guid.CreateVersion7(), Position = position, Name = name });
        }

        db.TreatmentPlans.Add(plan);

        void Plan(string code, string name, int[] teeth, decimal cost, int phase, DentalProcedureStatus status, DateOnly? plannedOn, DentalObservation? treats)
        {
            var created = recordedAt.AddMinutes(12);
            var procedure = new DentalProcedure
            {
                Id = Guid.CreateVersion7(), PatientId = patient.Id, DoctorProfileId = doctor.Id, ConsultationId = first.Consultation.Id,
                TreatmentPlanPhaseId = plan.Phases[phase - 1].Id, Code = code, Name = name, EstimatedCost = cost, PlannedOn = plannedOn,
                Status = status, CreatedAtUtc = created, CreatedByUserId = by, UpdatedAtUtc = created,
            };
            procedure.Teeth.AddRange(teeth.Select(t => new DentalProcedureTooth { Id = Guid.CreateVersion7(), PatientId = patient.Id, Tooth = t }));
            db.DentalProcedures.Add(procedure);
            db.DentalProcedureEvents.Add(new DentalProcedureEvent
            {
                ProcedureId = procedure.Id, Kind = DentalProcedureEventKind.Created, ToStatus = DentalProcedureStatus.Planned, ToDate = plannedOn, AtUtc = created, ByUserId = by,
            });
            if (treats is not null)
            {
                db.DentalProcedureObservations.Add(new DentalProcedureObservation { ProcedureId = procedure.Id, ObservationId = treats.Id });
            }

            if (status == DentalProcedureStatus.Completed)
            {
                var doneAt = second.Consultation.StartedAtUtc.AddMinutes(40);
                procedure.CompletedOn = plannedOn;
                procedure.ActualCost = cost;
                procedure.CompletedInConsultationId = second.Consultation.Id;
                procedure.UpdatedAtUtc = doneAt;
                treats!.TreatedAtUtc = doneAt;
                db.DentalProcedureEvents.Add(new DentalProcedureEvent
                {
                    ProcedureId = procedure.Id, Kind = DentalProcedureEventKind.StatusChanged, FromStatus = DentalProcedureStatus.Planned,
                    ToStatus = DentalProcedureStatus.Completed, AtUtc = doneAt, ByUserId = by,
                });
            }
            else if (status == DentalProcedureStatus.Scheduled)
            {
                db.DentalProcedureEvents.Add(new DentalProcedureEvent
                {
                    ProcedureId = procedure.Id, Kind = DentalProcedureEventKind.StatusChanged, FromStatus = DentalProcedureStatus.Planned,
                    ToStatus = DentalProcedureStatus.Scheduled, AtUtc = second.Consultation.StartedAtUtc.AddMinutes(45), ByUserId = by,
                });
            }
        }

        Plan("D2392", "Resin-based composite, two surfaces, posterior", [36], 2_500m, 1, DentalProcedureStatus.Completed, today.AddDays(-14), caries36);
        Plan("D3330", "Root canal treatment, molar", [46], 6_500m, 1, DentalProcedureStatus.Scheduled, today.AddDays(5), lesion46);
        Plan("D2740", "Crown, porcelain/ceramic", [46], 9_000m, 2, DentalProcedureStatus.Planned, null, null);
        Plan("D2330", "Resin-based composite, one surface, anterior", [11], 1_800m, 2, DentalProcedureStatus.Planned, null, fracture11);
        Plan("D7230", "Removal of impacted tooth, partially bony", [18], 4_500m, 3, DentalProcedureStatus.Planned, null, impacted18);

        await db.SaveChangesAsync(cancellationToken);
    }

    private static (Appointment Visit, Consultation Consultation) AddVisit(
        MedicalDbContext db, Patient patient, DoctorProfile doctor, TimeZoneInfo zone, DateOnly day, TimeOnly at, string reason, Guid by)
    {
        var startsUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(at), zone);
        var endsUtc = startsUtc.AddMinutes(doctor.ConsultationMinutes);
        var visit = new Appointment
        {
            Id = Guid.CreateVersion7(), Number = $"APT-{day:yyyyMMdd}-0001", PatientId = patient.Id, DoctorProfileId = doctor.Id,
            ClinicLocationId = doctor.Locations.First().ClinicLocationId, StartsAtUtc = startsUtc, EndsAtUtc = endsUtc,
            Status = AppointmentStatus.Completed, Reason = reason, CreatedAtUtc = startsUtc.AddDays(-1), CreatedByUserId = by, StatusChangedAtUtc = endsUtc,
        };
        db.Appointments.Add(visit);
        // The day's numbering goes on from this visit if someone books that day later.
        db.BusinessNumberCounters.Add(new BusinessNumberCounter { Kind = "APT", Day = day, LastValue = 1 });
        var consultation = new Consultation
        {
            Id = Guid.CreateVersion7(), AppointmentId = visit.Id, PatientId = patient.Id, DoctorProfileId = doctor.Id, StartedAtUtc = startsUtc,
            CompletedAtUtc = endsUtc, UpdatedAtUtc = endsUtc, ChiefComplaint = reason,
        };
        db.Consultations.Add(consultation);
        return (visit, consultation);
    }
}
