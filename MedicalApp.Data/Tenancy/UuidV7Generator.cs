using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace MedicalApp.Data.Tenancy;

/// <summary>
/// Generates time-ordered UUIDv7 keys when an entity is first tracked. Ids must not come from a property initializer:
/// EF then treats new rows reached through navigations as existing ones (see docs/decisions/0002).
/// </summary>
public sealed class UuidV7Generator : ValueGenerator<Guid>
{
    public override bool GeneratesTemporaryValues => false;

    public override Guid Next(EntityEntry entry) => Guid.CreateVersion7();
}
