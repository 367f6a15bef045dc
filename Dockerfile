# Production image of MedicalApp, plus the PostgreSQL migration bundle that a deploy step runs as the owner role.
#   docker build -t medicalapp .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props dotnet-tools.json .editorconfig ./
COPY MedicalApp.Data/MedicalApp.Data.csproj MedicalApp.Data/
COPY MedicalApp.Printing/MedicalApp.Printing.csproj MedicalApp.Printing/
COPY MedicalApp.Web/MedicalApp.Web.csproj MedicalApp.Web/
RUN dotnet restore MedicalApp.Web/MedicalApp.Web.csproj && dotnet tool restore
COPY MedicalApp.Data/ MedicalApp.Data/
COPY MedicalApp.Printing/ MedicalApp.Printing/
COPY MedicalApp.Web/ MedicalApp.Web/
RUN dotnet publish MedicalApp.Web/MedicalApp.Web.csproj -c Release -o /app --no-restore \
 && dotnet ef migrations bundle --project MedicalApp.Data --context PostgresMedicalDbContext \
      --configuration Release --self-contained -r linux-x64 -o /app/migrate-postgres

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=Postgres
EXPOSE 8080
# Practice files (logos, attachments) live on a volume mounted here; the app's user must own it.
RUN mkdir -p /data/files && chown "$APP_UID" /data/files
ENV Files__Root=/data/files
USER $APP_UID
ENTRYPOINT ["dotnet", "MedicalApp.Web.dll"]
