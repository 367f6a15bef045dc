namespace MedicalApp.Data.Entities;

/// <summary>
/// An address (slug) a practice used before its owner moved it. The resolver sends requests for it on to the
/// practice's current address, so members' bookmarks and printed links keep working, and no other practice may take
/// it. A global row like <see cref="Tenant"/>: the resolver reads it before any practice is known.
/// </summary>
public class FormerPracticeAddress
{
    public string Slug { get; set; } = "";

    public Guid TenantId { get; set; }

    public Practice? Practice { get; set; }

    public DateTime RetiredAtUtc { get; set; }
}
