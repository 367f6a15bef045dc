using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace MedicalApp.Web.Components.Layout;

/// <summary>
/// Whether a request's page is drawn in the app's shell (<see cref="MainLayout"/>, directly or through a layout inside
/// it, as "My profile" is): <c>App.razor</c> puts the theme's styles in the head for those pages only. The sign-in and
/// other account pages have a look of their own (<c>AccountLayout</c>, app.css), which MudBlazor's variables would
/// change (its body font size, its link colour).
/// </summary>
public static class AppShellPages
{
    public static bool Draws(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        if (page is null)
        {
            // Not a page endpoint (a status page re-executed for an unknown address): the router's NotFound page is
            // drawn in the shell.
            return true;
        }

        // A page without a layout of its own gets the router's default, MainLayout (Routes.razor).
        for (var layout = page.GetCustomAttribute<LayoutAttribute>()?.LayoutType ?? typeof(MainLayout);
             layout is not null;
             layout = layout.GetCustomAttribute<LayoutAttribute>()?.LayoutType)
        {
            if (layout == typeof(MainLayout))
            {
                return true;
            }
        }

        return false;
    }
}
