using MedicalApp.Data.Tenancy;

namespace MedicalApp.Web.Services.Live;

/// <summary>
/// A circuit's (or request's) door to the change notices: it hears the practice of its own scope, the one
/// <see cref="CurrentTenant"/> was set to from the circuit's hub connection, and no other. There is deliberately no way
/// to name a practice here, so no page can listen to another practice's changes.
/// </summary>
public sealed class LiveUpdates(PracticeChangeHub hub, CurrentTenant currentTenant)
{
    /// <summary>Calls <paramref name="handler"/> (on a background thread) for each notice of this scope's practice until disposed.</summary>
    public IDisposable Subscribe(Action<PracticeChangeNotice> handler)
    {
        var practiceId = currentTenant.Id ?? throw new InvalidOperationException("Live updates follow a practice, and this page has none.");
        return hub.Subscribe(practiceId, handler);
    }
}
