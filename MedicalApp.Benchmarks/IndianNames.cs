namespace MedicalApp.Benchmarks;

/// <summary>
/// Name and number material for a realistic Indian patient list. Earlier entries are drawn more often (a Zipf-like
/// spread, as in a real register), and a small set of unusual names gives search a genuinely rare term.
/// </summary>
public static class IndianNames
{
    public static readonly string[] Male =
    [
        "Rahul", "Amit", "Suresh", "Ramesh", "Rajesh", "Vijay", "Arun", "Sanjay", "Anil", "Kumar", "Ravi", "Manoj", "Sunil", "Ajay",
        "Deepak", "Prakash", "Ashok", "Mohan", "Srinivas", "Ganesh", "Karthik", "Arjun", "Vikram", "Rohit", "Naveen", "Sachin", "Vinod",
        "Mahesh", "Dinesh", "Gopal", "Krishna", "Murali", "Balaji", "Senthil", "Saravanan", "Muthu", "Venkatesh", "Raghav", "Harish",
        "Nitin", "Pankaj", "Abhishek", "Aditya", "Akash", "Aniket", "Anand", "Ankit", "Ashwin", "Bharat", "Chandan", "Darshan", "Dev",
        "Gaurav", "Girish", "Hari", "Hemant", "Imran", "Irfan", "Jagdish", "Jayant", "Kiran", "Kishore", "Lokesh", "Madhav", "Manish",
        "Mukesh", "Naresh", "Nikhil", "Omkar", "Pradeep", "Pranav", "Prashant", "Rakesh", "Rohan", "Sagar", "Sameer", "Santosh",
        "Satish", "Shankar", "Shiva", "Siddharth", "Sudhir", "Tarun", "Tushar", "Uday", "Umesh", "Varun", "Vishal", "Yash", "Yogesh",
        "Abdul", "Faisal", "Salman", "Joseph", "Thomas", "George", "Mathew", "Gurpreet", "Harpreet", "Manpreet", "Jaspreet", "Sandeep",
        "Kunal", "Rajiv", "Subramanian", "Ramachandran", "Natarajan", "Sivakumar", "Elango", "Kannan", "Arvind", "Bala", "Dhruv",
    ];

    public static readonly string[] Female =
    [
        "Priya", "Lakshmi", "Anjali", "Kavitha", "Sunita", "Pooja", "Deepa", "Divya", "Meena", "Anita", "Rekha", "Geetha", "Swati",
        "Neha", "Shalini", "Sangeetha", "Radha", "Sarita", "Usha", "Vidya", "Asha", "Bhavana", "Chitra", "Durga", "Gayathri", "Harini",
        "Indira", "Jyoti", "Kalpana", "Kamala", "Keerthi", "Latha", "Madhavi", "Malathi", "Manju", "Nandini", "Nirmala", "Padma",
        "Pallavi", "Parvathi", "Preethi", "Rani", "Renu", "Revathi", "Rupa", "Sahana", "Saranya", "Savitha", "Shanthi", "Shobha",
        "Sneha", "Sowmya", "Suma", "Sushma", "Tara", "Uma", "Vani", "Vasanthi", "Yamuna", "Aishwarya", "Akila", "Ambika", "Ananya",
        "Aparna", "Archana", "Bhagya", "Charulatha", "Fathima", "Farah", "Hema", "Janaki", "Kavya", "Komal", "Leela", "Mala", "Mamta",
        "Megha", "Nisha", "Nithya", "Poonam", "Rashmi", "Ritu", "Roja", "Rukmini", "Seema", "Shweta", "Simran", "Sita", "Sonal",
        "Sudha", "Tanvi", "Varsha", "Vimala", "Zainab", "Mary", "Annamma", "Gurleen", "Harleen", "Ishita", "Jasleen", "Kiranjit",
    ];

    /// <summary>Rare first names: about 1 patient in 400 gets one, so each appears only a handful of times.</summary>
    public static readonly string[] RareMale = ["Zoravar", "Yudhajit", "Quasim", "Xavierraj", "Ekalavya", "Hrishikesh", "Tejasvin", "Oviyan"];

    public static readonly string[] RareFemale = ["Zerina", "Yashodhara", "Quratulain", "Vaidehi", "Oormila", "Tamizhini", "Iravati", "Hiranmayi"];

    public static readonly string[] Surnames =
    [
        "Kumar", "Sharma", "Singh", "Patel", "Reddy", "Rao", "Iyer", "Nair", "Pillai", "Menon", "Gupta", "Verma", "Shah", "Das",
        "Krishnan", "Raman", "Subramanian", "Natarajan", "Srinivasan", "Venkataraman", "Chandrasekaran", "Balasubramanian", "Gopalan",
        "Mehta", "Joshi", "Desai", "Kulkarni", "Deshpande", "Patil", "Jadhav", "Pawar", "Shinde", "Chavan", "Bhat", "Hegde", "Shetty",
        "Kamath", "Pai", "Naidu", "Chowdary", "Varma", "Raju", "Agarwal", "Bansal", "Jain", "Malhotra", "Kapoor", "Khanna", "Chopra",
        "Arora", "Sethi", "Bose", "Banerjee", "Chatterjee", "Mukherjee", "Ghosh", "Sen", "Dutta", "Roy", "Sarkar", "Mishra", "Tiwari",
        "Pandey", "Dubey", "Yadav", "Chauhan", "Thakur", "Rathore", "Khan", "Ahmed", "Hussain", "Sheikh", "Qureshi", "Ansari", "Siddiqui",
        "Fernandes", "D'Souza", "Pereira", "Thomas", "George", "Mathew", "Kurian", "Varghese", "Gill", "Sandhu", "Dhillon", "Grewal",
        "Sidhu", "Murugan", "Selvam", "Arumugam", "Ramasamy", "Sundaram", "Velu", "Ganesan", "Mani", "Shanmugam", "Palanisamy",
        "Rajan", "Ramanathan", "Swaminathan", "Vaidyanathan", "Narayanan", "Parthasarathy", "Sethuraman", "Anand", "Prasad", "Saxena",
        "Srivastava", "Trivedi", "Bhatt", "Vyas", "Dave", "Parekh", "Modi", "Gandhi", "Goswami", "Chakraborty", "Lal", "Devi",
    ];

    /// <summary>Four-digit starts of Indian mobile numbers, by operator series; the first few are very common.</summary>
    public static readonly string[] MobilePrefixes =
    [
        "9840", "9841", "9884", "9444", "9962", "9176", "9003", "8939", "7299", "6379", "9500", "9789", "9790", "9445", "9600",
        "9952", "8056", "7397", "9677", "9380", "9845", "9886", "9448", "9900", "9980", "7022", "8105", "9819", "9820", "9833",
        "9867", "9769", "8879", "7506", "9811", "9818", "9871", "9910", "8826", "7042", "9830", "9831", "9433", "9748", "8017",
        "9848", "9849", "9866", "9959", "7013", "6302", "9895", "9846", "9447", "9072", "8281", "7356", "9825", "9898", "9727",
    ];

    public static readonly string[] Cities =
    [
        "Anna Nagar, Chennai", "T. Nagar, Chennai", "Velachery, Chennai", "Adyar, Chennai", "Mylapore, Chennai", "Tambaram, Chennai",
        "Porur, Chennai", "Guindy, Chennai", "Perambur, Chennai", "Kodambakkam, Chennai",
    ];

    public static readonly string[] Specializations =
    [
        "General Medicine", "Paediatrics", "Obstetrics & Gynaecology", "Orthopaedics", "Cardiology", "Dermatology", "ENT",
        "Ophthalmology", "Diabetology", "Pulmonology", "Gastroenterology", "Neurology", "Psychiatry", "Dentistry", "Physiotherapy",
    ];

    public static readonly string[] Allergies = ["Penicillin", "Sulfa drugs", "Peanuts", "Dust mites", "Ibuprofen", "Latex", "Shellfish"];

    public static readonly string[] Conditions = ["Type 2 diabetes", "Hypertension", "Asthma", "Hypothyroidism", "Arthritis"];

    public static readonly string[] BloodGroups = ["O+", "B+", "A+", "AB+", "O-", "B-", "A-", "AB-"];

    public static readonly string[] Reasons =
    [
        "Fever", "Cough and cold", "Follow-up", "Blood pressure review", "Diabetes review", "Back pain", "Skin rash", "Headache",
        "Stomach pain", "Vaccination", "Annual check-up", "Joint pain", "Ear pain", "Sore throat", "Prescription renewal",
    ];

    /// <summary>An index into a list of <paramref name="count"/> items, earlier items more likely (weight 1 / (rank + 3)).</summary>
    public static int Skewed(Random random, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        // Inverse of the cumulative weight of 1/(k+3), approximated by the logarithm: cheap and deterministic.
        var total = Math.Log((count + 3) / 3.0);
        var index = (int)(3 * Math.Exp(random.NextDouble() * total) - 3);
        return Math.Clamp(index, 0, count - 1);
    }
}
