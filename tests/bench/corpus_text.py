"""The words the synthetic corpus (corpus.py) is made of: organisations, names, councils,
topics, sentences and decisions in the style of the seed minutes. Data only."""

MUNICIPALITIES = [
    "Askersunds kommun", "Degerfors kommun", "Hallsbergs kommun", "Hällefors kommun", "Karlskoga kommun",
    "Kumla kommun", "Laxå kommun", "Lekebergs kommun", "Lindesbergs kommun", "Ljusnarsbergs kommun",
    "Nora kommun", "Örebro kommun",
]
REGION = "Region Örebro län"
OTHER_ORGS = [
    "RF-SISU Örebro län", "ÖLBF", "Länsstyrelsen Örebro län", "Sydnärkes utbildningsförbund",
    "Folkhälsoteam västra länsdelen", "Folkhälsoteam södra länsdelen", "Folkhälsoteam norra länsdelen",
    "Örebro universitet", "Polisen Bergslagen", "Arbetsförmedlingen",
]

FIRST_NAMES = """
Anna Maria Karin Eva Lena Kerstin Ingrid Marie Malin Sara Emma Johanna Sofia Linda Elin Annika Susanne
Helena Camilla Jenny Ulrika Therese Åsa Ylva Birgitta Margareta Cecilia Veronica Louise Frida Ida Hanna
Matilda Ebba Agnes Siw Gunilla Ann-Christin Ann-Sofie Marie-Louise Pia Lisen Tove Maja Jessica Niina
Aino Riikka Deepa Amina Leila Fanny Madelene Katarina Zandra Monica Tina Catharina Lise Jaana Karolina
Erik Lars Karl Anders Johan Per Mikael Nils Jan Hans Peter Fredrik Daniel Magnus Mattias Jonas Andreas
Stefan Thomas Henrik Marcus Niklas Joakim Jimmy Behcet Jerry Ingmar Albin Tom Berth Joel Gustav Oskar
Viktor Emil Axel Hugo Olof Sven Göran Bengt Kjell Ulf Åke Leif Jarmo Jari Mehmet Ahmed Omar Tobias
""".split()
SURNAMES = """
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson
Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Lindström Lindqvist Lindgren
Berglund Axelsson Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund Danielsson
Lundqvist Håkansson Björk Bergman Gunnarsson Holm Samuelsson Fransson Wikström Isaksson Bergström
Arvidsson Nyström Holmberg Löfgren Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson Lundgren
Ali Mohammed Viklund Björklund Berg Sundberg Mattsson Ekström Falk Öberg Wallgren Ahnér Örtquist
Karjalainen Kotilainen Kuurne Mehtäläinen Barsom Linati Ekerbring Folkesson Nordengren Lunander
Algotsson Ångman Lindborg Wånggren Boljang Skantz Holmsten Arkehag Ahkoila Lanefjord Kettunen Ottosson
Lundholm Viberg Bäcklund Engdahl Sahlberg Stridh Brorsson Dieker Appelqvist Klockars Lado Wiklund
Engman Hagström Lönn-Elgstrand Jakobsson-Torvik Bohlin-Neuman Forsberg-Fransson Lindvall-Scharmer
Tang-Kempe Bergman-Nordgren Sundelius Gustavsson Möller Broman Ljung Singhru Wase Sjöqvist Hedlund
""".split()

COUNCIL_SPECS = [
    ("specifika-samverkansradet-folkhalsa", "Specifika samverkansrådet för folkhälsa", "SSR folkhälsa",
     "frågor om folkhälsa", "minnesanteckningar", True),
    ("specifika-samverkansradet-social-valfard", "Specifika samverkansrådet för social välfärd samt vård och omsorg",
     "SSR social välfärd", "frågor om social välfärd samt vård och omsorg", "protokoll", True),
    ("specifika-samverkansradet-skola", "Specifika samverkansrådet för skola, utbildning och kompetensförsörjning",
     "SSR skola", "frågor om skola, utbildning och kompetensförsörjning", "protokoll", True),
    ("specifika-samverkansradet-regional-utveckling", "Specifika samverkansrådet för regional utveckling",
     "SSR regional utveckling", "frågor om regional utveckling och kollektivtrafik", "protokoll", True),
    ("chefsgrupp-folkhalsa", "Chefsgrupp folkhälsa", "Chefsgrupp folkhälsa",
     "folkhälsoarbetet", "minnesanteckningar", False),
    ("chefsgrupp-social-valfard", "Chefsgrupp för samverkan social välfärd samt vård och omsorg", "Chefsgrupp SoVV",
     "social välfärd samt vård och omsorg", "minnesanteckningar", False),
    ("chefsgrupp-skola", "Chefsgruppen för skola, utbildning och kompetensförsörjning", "Chefsgrupp skola",
     "skola, utbildning och kompetensförsörjning", "minnesanteckningar", False),
    ("chefsgrupp-nara-vard", "Chefsgrupp för nära vård", "Chefsgrupp nära vård",
     "omställningen till god och nära vård", "minnesanteckningar", False),
    ("kommunchefer-och-regiondirektor", "Kommunchefer och regiondirektör", "KCRD",
     "strategiska frågor mellan kommunerna och regionen", "minnesanteckningar", False),
    ("beredningsgrupp-psykisk-halsa", "Beredningsgrupp för psykisk hälsa", "Beredning psykisk hälsa",
     "arbetet med psykisk hälsa och suicidprevention", "minnesanteckningar", False),
    ("samverkansgrupp-barn-och-unga", "Samverkansgrupp för barn och unga", "Samverkan barn och unga",
     "tidiga och samordnade insatser för barn och unga", "minnesanteckningar", False),
    ("natverk-folkhalsoteam", "Nätverket för länsdelarnas folkhälsoteam", "Nätverk folkhälsoteam",
     "det lokala folkhälsoarbetet i länsdelarna", "minnesanteckningar", False),
]

TOPICS = [
    ("Uppföljning av regional strategi för föräldraskapsstöd", "föräldraskapsstöd"),
    ("Tidiga och samordnade insatser för barn och unga", "tidiga samordnade insatser"),
    ("Nära vård – uppföljning av färdplanen", "omställningen till nära vård"),
    ("Psykisk hälsa och suicidprevention", "det suicidpreventiva arbetet"),
    ("Framtidens socialtjänst", "den nya socialtjänstlagen"),
    ("Samsjuklighetsreformen", "samsjuklighetsreformen"),
    ("Hälso- och sjukvård i hemmet", "hälso- och sjukvården i hemmet"),
    ("Liv & hälsa ung", "enkäten Liv & hälsa ung"),
    ("Hälsa på lika villkor", "undersökningen Hälsa på lika villkor"),
    ("Länsgemensam handlingsplan för e-hälsa", "den länsgemensamma e-hälsoplanen"),
    ("Barnahus – översyn av ledning och styrning", "översynen av Barnahus"),
    ("Familjerådgivningens huvudmannaskap", "familjerådgivningen"),
    ("Elevhälsa och skolnärvaro", "arbetet med skolnärvaro"),
    ("Kompetensförsörjning i vård och omsorg", "kompetensförsörjningen"),
    ("Brottsförebyggande arbete", "det brottsförebyggande arbetet"),
    ("ANDTS-strategi för länet", "ANDTS-arbetet"),
    ("Fysisk aktivitet på recept", "fysisk aktivitet på recept"),
    ("Rapport från länsdelarnas folkhälsoteam", "länsdelarnas folkhälsoarbete"),
    ("Medel för psykisk hälsa", "de länsgemensamma medlen för psykisk hälsa"),
    ("Samordnad individuell plan (SIP)", "arbetet med SIP"),
    ("Digitala vårdmöten i kommunerna", "digitala vårdmöten"),
    ("Läkemedelsgenomgångar i särskilt boende", "läkemedelsgenomgångarna"),
    ("Ungdomsmottagningarnas uppdrag", "ungdomsmottagningarna"),
    ("Våld i nära relationer", "arbetet mot våld i nära relationer"),
    ("Regional utvecklingsstrategi (RUS)", "den regionala utvecklingsstrategin"),
    ("Kollektivtrafik och tillgänglighet", "tillgängligheten i kollektivtrafiken"),
    ("Budget och verksamhetsplan", "verksamhetsplanen"),
    ("Uppföljning av överenskommelsen om hemsjukvård", "hemsjukvårdsöverenskommelsen"),
    ("Integration och etablering", "etableringsarbetet"),
    ("Äldres hälsa och fallprevention", "det fallpreventiva arbetet"),
]
OPENING = ["Mötet öppnas", "Fastställande av dagordning", "Val av justerare", "Föregående protokoll"]
CLOSING = ["Övriga frågor", "Nästa möte", "Mötet avslutas"]
VERBS = ["redovisar", "presenterar", "informerar om", "rapporterar om", "beskriver", "sammanfattar"]
GROUPS = ["arbetsgruppen", "chefsgruppen", "styrgruppen", "referensgruppen", "projektgruppen", "nätverket"]
THINGS = [
    "en kartläggning", "en enkät", "en nulägesanalys", "en handlingsplan", "en uppföljning", "en rapport",
    "en workshop", "en överenskommelse", "en utvärdering", "ett utvecklingsarbete", "en lärträff",
]
QUALITIES = ["god", "tydlig", "gemensam", "långsiktig", "hållbar", "samordnad", "jämlik", "förebyggande"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "augusti", "september", "oktober", "november", "december"]
PLACES = [
    "Regionhuset, Eklundavägen 1, Örebro", "Digitalt möte på Teams", "Medborgarhuset i Kumla",
    "Immanuelkyrkan, Karlsdalsallén 35 Örebro", "Stadshuset i Karlskoga", "Kommunhuset i Hallsberg",
    "Folkets hus i Lindesberg", "Digitalt möte", "Regionens hus, sal Kilsbergen",
]
TIMES = ["09:00-12:00", "13:00-16:00", "09:30-12:00", "08:30-11:30", "13:00-15:30", "10:00-12:00"]
SENTENCES = [
    "{p} {verb} läget för {t} och lyfter att {q} samverkan mellan huvudmännen är en förutsättning för fortsatt arbete.",
    "Under hösten har {g} genomfört {thing} som visar att kommunerna har olika förutsättningar.",
    "Det framkommer att {t} behöver förankras både på politisk nivå och i verksamheterna.",
    "Frågan om finansiering diskuteras och det konstateras att resurser i första hand behöver omfördelas.",
    "{p} betonar vikten av {q} uppföljning och att resultaten återkopplas till chefsgrupperna.",
    "Flera kommuner beskriver en hög personalomsättning som försvårar arbetet med {t}.",
    "Nästa steg blir att ta fram {thing} som kan ligga till grund för beslut i {month}.",
    "Det noteras att {o} har kommit långt och att erfarenheterna kan spridas till övriga länet.",
    "Diskussionen visar att det finns behov av att tydliggöra ansvar, roller och förväntningar i samverkan.",
    "En rapport om {t} planeras att färdigställas i {month} {y}.",
    "{p} och {p2} håller i arbetet och återkommer med en lägesrapport till nästa möte.",
    "Rådet ställer sig bakom att {g} arbetar vidare med {t}.",
    "Statistiken visar en positiv utveckling sedan {y}, även om skillnaderna mellan länsdelarna består.",
    "Det lyfts att barnperspektivet behöver synliggöras tydligare i {t}.",
    "Presentationen bifogas minnesanteckningarna.",
    "Ledamöterna delar med sig av erfarenheter från sina respektive kommuner.",
    "Från {o} framförs att det lokala arbetet är det väsentliga och att länsgemensamma lösningar ska vara ett stöd.",
    "Samtliga tretton huvudmän har fått möjlighet att lämna synpunkter på {thing} före {month}.",
    "Det konstateras att digitala system som inte kommunicerar med varandra är en fortsatt utmaning.",
    "En {q} modell för {t} bedöms inte vara möjlig att införa i hela länet på en gång.",
    "Uppföljningen sker genom enkät och dialog riktad till chefer inom kommun, region och civilsamhälle.",
    "{p2} frågar hur de mindre kommunerna ska kunna delta, och {p} svarar att stödet anpassas efter behov.",
    "Arbetet med {t} följer den tidsplan som beslutades i {month} {y}.",
    "Det finns ett stort intresse för att fortsätta utveckla {t} tillsammans med civilsamhället.",
    "Återkoppling sker till chefsgrupperna under perioden maj–september.",
    "Resultaten kommer att presenteras för KCRD innan de går vidare till politisk nivå.",
    "Mindre kommuner har i vissa fall lättare att arbeta enligt modellen, bland annat tack vare kortare beslutsvägar.",
    "{o} har tagit fram {thing} som delas med övriga kommuner efter mötet.",
    "Flera ledamöter efterfrågar {q} information om hur {t} påverkar budgeten för {y}.",
    "Det är viktigt att brukarens perspektiv finns med i hela kedjan, från planering till uppföljning.",
    "Ett gemensamt seminarium om {t} planeras till {month} med inbjudna forskare från Örebro universitet.",
    "{p} påminner om att underlaget ska vara inskickat senast i {month}.",
    "Utvecklingsledarna har besökt samtliga länsdelar och mött både chefer och medarbetare.",
    "Frågan om gemensam upphandling av {t} lyfts men bedöms behöva utredas vidare.",
    "Uppdraget omfattar även en analys av hur {t} kan bidra till en {q} och jämlik hälsa i länet.",
    "Ett förslag till reviderad överenskommelse skickas på remiss till kommunerna i {month}.",
]
BULLETS = [
    "tydligare mål och syfte", "parternas åtaganden", "plan för implementering", "plan för uppföljning och utvärdering",
    "former för involvering av civilsamhället", "koppling till länsgemensamma planer", "beskrivning av behoven",
    "relevant lagstiftning och nationella riktlinjer", "gemensamma utbildningsinsatser", "ett gemensamt lärande",
]
STATEMENT_TEXTS = {
    "Reservation": ["till förmån för eget yrkande.", "till förmån för avslagsyrkandet.", "mot beslutet i sin helhet."],
    "Protokollsanteckning": ["Kommunen återkommer om finansieringen.", "Frågan behöver förankras i nämnden.",
                             "Vi vill se en uppföljning under året."],
}

DECISIONS = [
    "Informationen läggs till handlingarna.",
    "Rådet beslutar att ställa sig bakom förslaget.",
    "Chefsgruppen ger uppdrag att arbeta vidare med frågan.",
    "Frågan återkommer på nästa möte.",
    "Förslaget skickas vidare till KCRD för ställningstagande.",
]

MONTHS_FULL = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december"]
SITE_YAML = """\
title: Sammanträden i Region Örebro län (testdata)
organisation: Region Örebro län
base_url: /
contact:
  name: Regionkansliet
  email: tillganglighet@example.se
  phone: 019-00 00 00
"""
