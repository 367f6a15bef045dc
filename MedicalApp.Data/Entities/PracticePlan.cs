namespace MedicalApp.Data.Entities;

public enum PracticePlan
{
    Trial,
    Basic,
    Premium,
    Enterprise,
}
