#pragma once
// The phrases of the synthetic ad corpus (synth.cc): Swedish and English escort ads and
// sugar-dating profiles, written after the shape of real ones (greeting, name and age, looks,
// place, services or wishes, prices or allowance, contact, rules, closing) without copying any.
//
// A phrase is chosen once per template, and so is each `{a|b|c}` alternative in it: the copies of
// a template differ only in their slots and small edits, as when an advertiser pastes the same
// text with another name, number or city. Slots (filled per ad):
//   [NAME] [AGE]      the person and the age stated for them
//   [NAME2] [AGE2]    a second person (duo ads of an organised group)
//   [REALAGE]         a minor's real age, beside a claimed adult one
//   [CITY]            the advertised place as written in the text
//   [PHONE] [EMAIL]   contacts as written (plain or obfuscated)
//   [PRICES] [MONEY]  price list; monthly allowance (sugar)
//   [SNAP]            a Snapchat or Kik name (not a linking key)
// Alternatives do not nest; an alternative may hold slots. No phrase uses `[`, `]`, `{`, `}`
// or `"` as text.

#include <span>
#include <string_view>

namespace sv::ads::detail {

using Phrases = std::span<const std::string_view>;

// ---------------------------------------------------------------------------------------------
// Escort ads, Swedish.

inline constexpr std::string_view kSvEscortOpen[] = {
    "Hej{!| och välkommen!| alla härliga män!| där!| du!| på dig!}",
    "Hallå{!| där ute!| gentlemän!| min vän!}",
    "Välkommen till {min annons|min sida|mig}{!|, kul att du hittade hit!| och tack för att du tittar in.}",
    "Ny {tjej|i stan|på sidan|här}{!| – hör av dig snabbt!| och redo för dig!}",
    "Äntligen {tillbaka|på plats|här igen}{!| efter en lång paus!| och längtar efter dig.}",
    "{Godkväll|Godmorgon|God dag|Trevlig helg}{!| min vän!| kära du!}",
    "{💋|🌹|🔥|💗|👑|🍒} {Hej|Hej hej|Hallå|Tjena} {💋|🌹|🔥|💗|👑|🍒}",
    "Är du {ensam|uttråkad|stressad|nyfiken} {ikväll|idag|efter jobbet}?",
};

// The age in the intro, in the forms people write.
inline constexpr std::string_view kSvEscortIntroAge[] = {
    "Jag heter [NAME] och är [AGE] år{| gammal| ung}.",
    "Mitt namn är [NAME] och jag är [AGE] år.",
    "[NAME] heter jag, [AGE] år {ung|gammal} och {full av energi|alltid på gott humör|nyfiken på livet}.",
    "Jag är [NAME], en [AGE]-årig {tjej|kvinna|brunett|blondin} {från Sverige|från Brasilien|från Rumänien|från Ukraina|från Spanien|med latinskt blod}.",
    "Jag är en {söt|glad|sexig|sensuell} tjej [AGE] år som heter [NAME].",
    "{Söt|Glad|Sexig|Ung|Vacker} {tjej|kvinna} som heter [NAME], ålder: [AGE].",
    "Hej, jag är [NAME] och jag är [AGE]{.|!| och bor här sedan länge.}",
    "[NAME] här, [AGE] år och {ny i stan|tillbaka i stan|redo för dig|sugen på sällskap}.",
    "Jag är [NAME] ([AGE] år) och {älskar att träffa nya människor|tycker om att ge njutning|vet hur man skämmer bort en man}.",
    "Ålder: [AGE]. Namn: [NAME]. {Nationalitet: svensk.|Ursprung: Latinamerika.|Ursprung: Östeuropa.|Längd: 168 cm.}",
    "Jag är en [AGE]-åring som heter [NAME] och {gillar att ha roligt|älskar sällskap|är väldigt social}.",
    "[NAME], [AGE]år, {den perfekta flickvännen för en kväll|din nya favorit|en riktig pärla}.",
};

// Ages under 21 only ("nyss fyllda").
inline constexpr std::string_view kSvEscortIntroYoung[] = {
    "Jag är [NAME], nyss fyllda [AGE]{!| och ny på det här.| och väldigt nyfiken.}",
    "[NAME] heter jag och jag har nyss fyllt [AGE]{!| år.}",
};

inline constexpr std::string_view kSvEscortIntroPlain[] = {
    "Jag heter [NAME] och {är ny här|älskar att träffa nya människor|har väntat på dig}.",
    "Mitt namn är [NAME]{, trevligt att träffas!|.| och jag är här för dig.}",
    "[NAME] heter jag{ och jag finns här för dig.|, din nya väninna.|.}",
    "Jag är [NAME], {en glad och social tjej|en kvinna med stil|en riktig kelgris|en het latina}.",
};

inline constexpr std::string_view kSvEscortLooks[] = {
    "Jag är {smal|kurvig|sportig|naturlig|petit} med {långt mörkt hår|långt blont hår|rött hår|mjuk hud|stora naturliga bröst|en vacker rumpa} och {bruna|blå|gröna} ögon.",
    "{Lång|Kort|Liten} och {smal|vältränad|mjuk} med {härliga kurvor|len hud|ett charmigt leende}.",
    "Min kropp är {naturlig|vältränad|mjuk och varm}, {160|165|170|175} cm och {50|55|60|65} kg.",
    "Jag har {tatueringar|piercingar|ett stort leende|långa ben} och {älskar underkläder|klär mig gärna sexigt|doftar alltid gott}.",
    "Alla foton är {100 %|helt} äkta{, inga överraskningar.|.| och nytagna.}",
    "{Bilderna är mina egna|Mina bilder är äkta} och {nytagna|tagna förra veckan|inte redigerade}.",
    "Jag är {en naturlig skönhet|elegant och välvårdad|sportig och glad} med {ett varmt hjärta|en lekfull personlighet|mycket humor}.",
};

inline constexpr std::string_view kSvEscortAbout[] = {
    "Jag är {en glad och positiv|en lugn och varm|en lekfull och sprallig|en omtänksam} person som {älskar att skratta|tycker om god mat och vin|gillar att resa och träffa nya människor|alltid ser till att du trivs}.",
    "På fritiden {tränar jag mycket|läser jag gärna en bok|går jag på långa promenader|umgås jag med mina vänner}, och {jag har alltid ett leende på läpparna|jag tar hand om min kropp|jag är noga med min hygien}.",
    "Många säger att jag är {lätt att prata med|väldigt charmig|en riktig solstråle}{, och det stämmer nog!| och att tiden går fort med mig.|.}",
    "Jag {talar svenska och engelska|pratar engelska och lite svenska|förstår svenska men pratar helst engelska}{ flytande.|.}",
    "Jag {är inte som andra|vet vad en man behöver|tar mig tid för dig} och {du kommer att känna dig speciell|inget är för mycket begärt|allt sker i lugn takt}.",
};

inline constexpr std::string_view kSvEscortMeeting[] = {
    "Vi kan börja med {ett glas vin|en kopp te|en dusch} och ett trevligt samtal, sedan {tar vi det därifrån|bestämmer du tempot|får du koppla av helt}.",
    "{Min lägenhet|Mitt rum} är {ren och fräsch|mysig och diskret|nyrenoverad} med {mjuka handdukar|levande ljus|skön musik} och {gott om plats|en stor säng|allt du behöver}.",
    "Jag vill att vår träff ska vara {avslappnad och trevlig|ett minne för livet|som att träffa en gammal vän}{, utan stress och tidspress.|.}",
    "Har du {speciella önskemål|frågor|funderingar} är det bara att {fråga|skriva|säga till} innan{, så ordnar vi det.| vi ses.|.}",
};

inline constexpr std::string_view kSvEscortPlace[] = {
    "Jag finns i [CITY] {och tar emot i egen lägenhet|nära centrum|med egen diskret lägenhet|på hotell}.",
    "Just nu i [CITY]{ några dagar| hela veckan| för en kort tid|, passa på}!",
    "Ny i [CITY]{!| och vill träffa dig!| och längtar efter sällskap.}",
    "Tar emot i {centrala|lugna|diskreta} [CITY]{, nära tåget.| med parkering utanför.|.}",
    "Besöker [CITY] {denna vecka|bara ett par dagar|till söndag|över helgen}.",
    "Träffas i [CITY]{ eller hemma hos dig.| på ditt hotell.|.}",
    "Incall och outcall i [CITY]{ med omnejd.| och närliggande orter.|.}",
    "Finns i [CITY] {dygnet runt|alla dagar|hela månaden}{, välkommen!|.}",
};

inline constexpr std::string_view kSvEscortServices[] = {
    "Jag erbjuder {massage|sensuell massage|sällskap|GFE|middagssällskap} och {mycket mer|allt du drömmer om|avslappning}.",
    "{Massage|Sällskap|Kyssar|Rollspel} {är min specialitet|gör jag gärna|älskar jag}.",
    "Hos mig får du {lugn och ro|tid och närhet|en upplevelse du minns}{, utan stress.|.}",
    "Jag gillar {kramar|långa kyssar|att mysa} och {att ta det lugnt|att skratta tillsammans|bra samtal}.",
    "Ingen stress, {vi tar den tid vi behöver|du ska känna dig välkommen|allt sker på dina villkor}.",
    "{Dusch|Handdukar} finns{ och rena lakan.| så klart.|.}",
    "Jag är {öppen för det mesta|lekfull och öppen|lyhörd och varm} och {lyssnar på dina önskemål|vill att du ska må bra|tar hand om dig}.",
    "{Perfekt|Passar} för dig som {vill koppla av|söker äkta närhet|behöver en paus från vardagen}.",
};

inline constexpr std::string_view kSvEscortIncall[] = {
    "{Incall|Tar emot} {i egen lägenhet|i lugn lägenhet|på hotell}{ och outcall.|, men kan också komma till dig.|.}",
    "Jag kommer gärna till {ditt hotell|din lägenhet|dig}{ mot en liten extra kostnad.| om du bor nära.|.}",
    "{Gratis parkering|Buss och tåg|Taxi} {finns nära|stannar precis utanför|tar dig hit på några minuter}.",
};

inline constexpr std::string_view kSvEscortPrices[] = {
    "Priser: [PRICES]",
    "Pris: [PRICES]",
    "[PRICES]",
    "{Mina priser|Prislista}: [PRICES]",
};

inline constexpr std::string_view kSvEscortAvailability[] = {
    "Tillgänglig {dygnet runt|alla dagar|kvällar och helger|från lunch till sent}{.|, även helger.}",
    "Öppet {10-22|12-24|dygnet runt} {varje dag|måndag till söndag|alla dagar}.",
    "Ring gärna {en timme|en halvtimme} innan du kommer.",
    "Bokning {samma dag|i förväg} {går bra|är att föredra}.",
};

inline constexpr std::string_view kSvEscortContactPhone[] = {
    "Ring eller sms:a {mig |}på [PHONE]{.|!}",
    "{Ring|SMS|Sms:a} [PHONE]{ för bokning.| för tid.| så svarar jag snabbt.|.}",
    "Kontakt: [PHONE]{ (även WhatsApp)| (endast sms)| (ring eller sms)|}.",
    "{Mitt nummer|Numret} är [PHONE]{, ring mig!| – ingen dold nummer.|.}",
    "Boka {tid|träff} på [PHONE]{.| redan idag!}",
};

inline constexpr std::string_view kSvEscortContactEmail[] = {
    "Maila mig på [EMAIL]{ så svarar jag snabbt.|.}",
    "Skriv till [EMAIL]{ för bokning.| med dina önskemål.|.}",
    "E-post: [EMAIL]",
};

inline constexpr std::string_view kSvEscortContactBoth[] = {
    "Ring [PHONE] eller maila [EMAIL]{.| så svarar jag.}",
    "Kontakt: [PHONE]{, |\n}mail: [EMAIL]",
    "Sms:a [PHONE]{.|!} Du kan också skriva till [EMAIL].",
};

inline constexpr std::string_view kSvEscortContactNone[] = {
    "Skicka ett meddelande här på sidan{.| så hör jag av mig.}",
    "Kontakta mig via {sidan|chatten här}{.|, jag svarar snabbt.}",
};

inline constexpr std::string_view kSvEscortRules[] = {
    "Endast {seriösa|trevliga|artiga} {herrar|män} {över 25 år|över 30 år|med god hygien}.",
    "Ingen dold nummer{, inga sms utan namn.|.}",
    "Diskretion {utlovas|är en självklarhet|garanteras}.",
    "Alla som annonserar här är över 18 år.",
    "Endast 18+{.|, visa gärna leg.}",
    "Jag har jobbat med massage i {5|8|10} år.",
    "{Trevligt bemötande|Artighet} och {god hygien|hygien} är ett måste.",
};

inline constexpr std::string_view kSvEscortClose[] = {
    "{Puss|Kram|Kyss}{!| och välkommen!| på dig!}",
    "{Hoppas vi ses snart|Vi ses snart|Längtar efter dig}{!| 💋| 🌹}",
    "Hör av dig{, du kommer inte ångra dig!|, jag väntar!|!}",
};

// Child or pupil wording (sets the truth's `minor`).
inline constexpr std::string_view kSvMinorChild[] = {
    "Går i nian men ser äldre ut.",
    "Går på gymnasiet och behöver extra pengar.",
    "Gymnasietjej som vill tjäna lite extra.",
    "Skoltjej, väldigt diskret.",
};
// A minor's real age beside the claimed one.
inline constexpr std::string_view kSvMinorAge[] = {
    "Står 18 här men är egentligen [REALAGE] år.",
    "Jag är bara [REALAGE] år.",
    "Jag är bara [REALAGE].",
};

inline constexpr std::string_view kSvDuo[] = {
    "Vi är två tjejer, [AGE] och [AGE2] år, som gärna träffar dig tillsammans.",
    "Min väninna [NAME2] är [AGE2] år och följer gärna med.",
    "Duo med [NAME2] ([AGE2] år) går också att boka.",
};

inline constexpr std::string_view kSvEscortTitle[] = {
    "[NAME] – ny i stan", "Söt tjej i [CITY]", "[NAME], [AGE] år", "Massage och sällskap",
    "[NAME] i [CITY]", "Ny tjej [NAME]", "Het latina [NAME]", "[NAME] [AGE] år – [CITY]",
};

// ---------------------------------------------------------------------------------------------
// Escort ads, English.

inline constexpr std::string_view kEnEscortOpen[] = {
    "Hi{!| there!| gentlemen!| darling!| and welcome!}",
    "Hello{!| my dear!| handsome!}",
    "Welcome to {my page|my profile|my world}{!|, nice that you found me.| and thank you for looking.}",
    "New {girl|in town|here}{!| – call me soon!| and ready for you!}",
    "Finally {back|here again|in town}{!| after a long break!| and waiting for you.}",
    "{Good evening|Good morning|Happy weekend}{!| my friend!| sweetheart!}",
    "{💋|🌹|🔥|💗|👑|🍒} {Hi|Hey|Hello} {💋|🌹|🔥|💗|👑|🍒}",
    "Are you {lonely|bored|stressed|curious} {tonight|today|after work}?",
};

inline constexpr std::string_view kEnEscortIntroAge[] = {
    "My name is [NAME] and I'm [AGE]{.|!| and full of energy.}",
    "I'm [NAME], [AGE] years old, {a sweet girl|a sexy lady|a real girlfriend experience} {from Brazil|from Romania|from Ukraine|from Spain|from Colombia|from Thailand}.",
    "[NAME], [AGE]yo, {sweet and naughty|elegant and discreet|playful and open-minded}.",
    "Hi, I am [NAME], [AGE] y/o {student|model|dancer} {visiting for a few days|new in Sweden|with a warm heart}.",
    "Age: [AGE]. Name: [NAME]. {Nationality: Romanian.|Origin: Latin America.|Height: 168 cm.}",
    "[NAME] here, a [AGE] year old {girl|woman|brunette|blonde} who loves {good company|to have fun|to please}.",
    "I am [NAME] and I am [AGE] years old{.|, always smiling.}",
    "Sweet girl [NAME], age [AGE], {new in town|available now|ready for you}.",
    "I'm [NAME] ([AGE] years) and {I love to meet new people|I know how to spoil a man|I am very social}.",
    "[NAME], [AGE]yrs, {your new favourite|the perfect girlfriend for one night|a real pearl}.",
};

inline constexpr std::string_view kEnEscortIntroYoung[] = {
    "I'm [NAME], just turned [AGE]{!| and new to this.}",
    "My name is [NAME], I'm [AGE] and very curious{.|!}",
};

inline constexpr std::string_view kEnEscortIntroPlain[] = {
    "My name is [NAME] and {I'm new here|I love meeting new people|I have been waiting for you}.",
    "I'm [NAME]{, nice to meet you!|.| and I am here for you.}",
    "Call me [NAME]{, your new friend.|.}",
    "I am [NAME], {a happy and social girl|a woman with style|a hot latina}.",
};

inline constexpr std::string_view kEnEscortLooks[] = {
    "I am {slim|curvy|sporty|natural|petite} with {long dark hair|long blonde hair|red hair|soft skin|big natural breasts} and {brown|blue|green} eyes.",
    "{Tall|Petite|Small} and {slim|fit|soft} with {lovely curves|smooth skin|a charming smile}.",
    "My body is {natural|fit|soft and warm}, {160|165|170|175} cm and {50|55|60|65} kg.",
    "I have {tattoos|piercings|a big smile|long legs} and {I love lingerie|I dress sexy|always smell nice}.",
    "All photos are {100%|completely} real{, no surprises.|.| and new.}",
    "{The pictures are mine|My photos are real} and {new|taken last week|not edited}.",
    "I am {a natural beauty|elegant and well groomed|sporty and happy} with {a warm heart|a playful personality|a lot of humour}.",
};

inline constexpr std::string_view kEnEscortAbout[] = {
    "I am {a happy and positive|a calm and warm|a playful and lively|a caring} person who {loves to laugh|enjoys good food and wine|likes to travel and meet new people|always makes sure you feel good}.",
    "In my free time I {work out a lot|like to read a book|go for long walks|meet my friends}, and {I always have a smile on my face|I take good care of my body|I am very careful with hygiene}.",
    "Many say that I am {easy to talk to|very charming|a real ray of sunshine}{, and it is probably true!| and that time flies with me.|.}",
    "I {speak English and some Swedish|speak fluent English|understand Swedish but prefer English}{ and a little Spanish.|.}",
    "I {am not like the others|know what a man needs|take my time for you} and {you will feel special|nothing is too much to ask|everything happens at a calm pace}.",
};

inline constexpr std::string_view kEnEscortMeeting[] = {
    "We can start with {a glass of wine|a cup of tea|a shower} and a nice chat, then {we take it from there|you set the pace|you can relax completely}.",
    "{My apartment|My room} is {clean and fresh|cosy and discreet|newly renovated} with {soft towels|candles|nice music} and {plenty of space|a big bed|everything you need}.",
    "I want our meeting to be {relaxed and pleasant|a memory for life|like meeting an old friend}{, without stress or hurry.|.}",
    "If you have {special wishes|questions|any thoughts} just {ask|write|tell me} before{, and we arrange it.| we meet.|.}",
};

inline constexpr std::string_view kEnEscortPlace[] = {
    "I'm in [CITY] {and receive in my own apartment|near the centre|with a discreet apartment|at a hotel}.",
    "Now in [CITY]{ for a few days| all week| for a short time|, don't miss me}!",
    "New in [CITY]{!| and want to meet you!| and looking for company.}",
    "Incall in {central|quiet|discreet} [CITY]{, close to the station.| with parking outside.|.}",
    "Visiting [CITY] {this week|only a couple of days|until Sunday|over the weekend}.",
    "Meet me in [CITY]{ or at your place.| at your hotel.|.}",
    "Incall and outcall in [CITY]{ and nearby.| and surroundings.|.}",
};

inline constexpr std::string_view kEnEscortServices[] = {
    "I offer {massage|sensual massage|company|GFE|dinner dates} and {much more|everything you dream about|relaxation}.",
    "{Massage|Company|Kissing|Role play} {is my speciality|is what I love|I do with pleasure}.",
    "With me you get {peace and quiet|time and closeness|an experience to remember}{, no rush.|.}",
    "I like {hugs|long kisses|cuddling} and {taking it slow|laughing together|good conversation}.",
    "No stress, {we take the time we need|you will feel welcome|everything on your terms}.",
    "{Shower|Towels} available{ and clean sheets.| of course.|.}",
    "I am {open minded|playful and open|attentive and warm} and {listen to your wishes|want you to feel good|take care of you}.",
    "{Perfect|Ideal} for you who {wants to relax|looks for real intimacy|needs a break from everyday life}.",
};

inline constexpr std::string_view kEnEscortIncall[] = {
    "{Incall|I receive} {in my own apartment|in a quiet flat|at a hotel}{ and outcall.|, but I can also come to you.|.}",
    "I can come to {your hotel|your apartment|you}{ for a small extra fee.| if you live close.|.}",
    "{Free parking|Bus and train|Taxi} {is close|stops right outside|takes you here in minutes}.",
};

inline constexpr std::string_view kEnEscortPrices[] = {
    "Prices: [PRICES]",
    "Rates: [PRICES]",
    "[PRICES]",
    "{My rates|Price list}: [PRICES]",
};

inline constexpr std::string_view kEnEscortAvailability[] = {
    "Available {24/7|every day|evenings and weekends|from noon until late}{.|, also weekends.}",
    "Open {10-22|12-24|day and night} {every day|Monday to Sunday|all days}.",
    "Please call {an hour|half an hour} before you come.",
    "Booking {the same day|in advance} {is fine|is preferred}.",
};

inline constexpr std::string_view kEnEscortContactPhone[] = {
    "Call or text {me |}on [PHONE]{.|!}",
    "{Call|SMS|Text} [PHONE]{ for booking.| for an appointment.| and I answer fast.|.}",
    "Contact: [PHONE]{ (also WhatsApp)| (sms only)| (call or sms)|}.",
    "{My number|The number} is [PHONE]{, call me!| – no hidden numbers.|.}",
    "Book {a time|a date} on [PHONE]{.| today!}",
};

inline constexpr std::string_view kEnEscortContactEmail[] = {
    "Email me at [EMAIL]{ and I answer fast.|.}",
    "Write to [EMAIL]{ for booking.| with your wishes.|.}",
    "E-mail: [EMAIL]",
};

inline constexpr std::string_view kEnEscortContactBoth[] = {
    "Call [PHONE] or email [EMAIL]{.| and I will answer.}",
    "Contact: [PHONE]{, |\n}mail: [EMAIL]",
    "Text [PHONE]{.|!} You can also write to [EMAIL].",
};

inline constexpr std::string_view kEnEscortContactNone[] = {
    "Send me a message here on the site{.| and I will get back to you.}",
    "Contact me through {the site|the chat here}{.|, I answer fast.}",
};

inline constexpr std::string_view kEnEscortRules[] = {
    "Only {serious|nice|polite} {gentlemen|men} {over 25|over 30 years|with good hygiene}.",
    "No hidden numbers{, no sms without a name.|.}",
    "Discretion {is promised|is guaranteed|goes without saying}.",
    "Everyone advertising here is over 18 years.",
    "Only 18+{.|, ID please.}",
    "I have been doing massage for {5|8|10} years.",
    "{Good manners|Politeness} and {good hygiene|hygiene} are a must.",
};

inline constexpr std::string_view kEnEscortClose[] = {
    "{Kisses|Hugs|Love}{!| and welcome!| to you!}",
    "{Hope to see you soon|See you soon|Waiting for you}{!| 💋| 🌹}",
    "Get in touch{, you will not regret it!|, I'm waiting!|!}",
};

inline constexpr std::string_view kEnMinorChild[] = {
    "Still in high school but I look older.",
    "Schoolgirl looking for a generous friend.",
    "High school girl, very discreet.",
};
inline constexpr std::string_view kEnMinorAge[] = {
    "The profile says 18 but I am really [REALAGE] years old.",
    "I'm only [REALAGE].",
    "Real age [REALAGE], not 18.",
};

inline constexpr std::string_view kEnDuo[] = {
    "We are two girls, [AGE] and [AGE2] years old, happy to meet you together.",
    "My friend [NAME2] is [AGE2] years old and likes to join.",
    "Duo with [NAME2] ([AGE2] years) can be booked too.",
};

inline constexpr std::string_view kEnEscortTitle[] = {
    "[NAME] – new in town", "Sweet girl in [CITY]", "[NAME], [AGE]yo", "Massage and company",
    "Sexy [NAME] in [CITY]", "New girl [NAME]", "Hot latina [NAME]", "[NAME] [AGE] years – [CITY]",
};

// ---------------------------------------------------------------------------------------------
// Sugar-dating profiles, Swedish.

inline constexpr std::string_view kSvSugarOpen[] = {
    "Hej{!| där!| alla sugardaddies!| och tack för att du tittar!}",
    "Hallå{!| du!}",
    "{Ny här|Ny på sidan|Första gången här}{!| och lite nervös.| och nyfiken!}",
};

inline constexpr std::string_view kSvSugarIntroAge[] = {
    "Jag heter [NAME] och är [AGE] år{| gammal}.",
    "[NAME], [AGE] år, {student|ung tjej|tjej} från {en liten ort|Norrland|Skåne|utlandet}.",
    "Jag är en {glad|ärlig|ambitiös|social} student [AGE] år som heter [NAME].",
    "Ålder: [AGE]. {Bor ensam.|Pluggar.|Jobbar extra i butik.}",
    "Hej, jag är [NAME] och jag är [AGE]{.|!}",
    "Jag är [NAME], en [AGE]-årig {tjej|student|drömmare} som {vet vad jag vill|gillar det goda i livet|vill uppleva mer}.",
};

inline constexpr std::string_view kSvSugarIntroYoung[] = {
    "Jag är [NAME], nyss fyllda [AGE] och {ny på det här|väldigt nyfiken}.",
};

inline constexpr std::string_view kSvSugarIntroPlain[] = {
    "Jag heter [NAME] och {är ny här|vill lära känna dig|är ganska blyg först}.",
    "[NAME] heter jag{, trevligt att träffas!|.}",
};

inline constexpr std::string_view kSvSugarAbout[] = {
    "Jag studerar {ekonomi|juridik|till sjuksköterska|på universitetet|design} i [CITY]{ och jobbar extra i en butik.| och bor i en liten lägenhet.|.}",
    "Bor i [CITY] och {pluggar|jobbar deltid|letar efter jobb}{, livet är dyrt just nu.|.}",
    "Jag kommer från [CITY] och {drömmer om att resa|vill bli bortskämd|gillar fina saker}.",
};

inline constexpr std::string_view kSvSugarSeeking[] = {
    "Söker en {generös|omtänksam|snäll|mogen} {sugardaddy|gentleman|äldre man} som kan {hjälpa mig med hyran|skämma bort mig|ge mig en extra inkomst}.",
    "Jag vill ha ett {ömsesidigt|diskret|långsiktigt} arrangemang{ där vi båda trivs.| med en man som vet vad han vill.|.}",
    "{Du|Min drömman} är {framgångsrik och generös|lugn och trygg|rolig och omtänksam}{ och gärna lite äldre.|.}",
};

inline constexpr std::string_view kSvSugarMoney[] = {
    "{Allowance|Månadspeng|Stöd} {runt|på ungefär|minst} [MONEY] kr {i månaden|per månad|/mån}.",
    "Jag tänker mig [MONEY] kr {i månaden|per månad}{, vi kan prata om det.|.}",
};

inline constexpr std::string_view kSvSugarHobbies[] = {
    "På fritiden {tränar jag|läser jag|gillar jag att resa|shoppar jag gärna}{ och umgås med vänner.| och lagar mat.|.}",
    "Jag älskar {fina middagar|resor|spa|shopping} och {god mat|champagne|att klä upp mig}.",
    "{Gym|Yoga|Dans|Ridning} är {min grej|det jag gör mest|min passion}.",
};

inline constexpr std::string_view kSvSugarPersonality[] = {
    "Jag är {glad, social och ärlig|lugn men äventyrlig|ambitiös och nyfiken|lite blyg i början men sen väldigt pratsam} och {gillar att ha det trevligt|vill lära mig nya saker|uppskattar fina stunder}.",
    "Mina vänner beskriver mig som {omtänksam och rolig|lojal och positiv|spontan och glad}{, och jag håller nog med.|.}",
    "Jag {drömmer om att resa till Paris|vill gärna gå på fina restauranger|skulle älska en weekend i London}{ med rätt person.|.}",
};
inline constexpr std::string_view kSvSugarExpectations[] = {
    "Jag söker {respekt, ärlighet och diskretion|någon som vill ge och få|en trygg och generös vän}{, inget annat.| och det kan jag också ge tillbaka.|.}",
    "{Vi kan ses|Gärna träffar} {ett par gånger i månaden|på helgerna|när det passar oss båda} för {middag och sällskap|att ha det mysigt|att lära känna varandra}.",
};

inline constexpr std::string_view kSvSugarContactPhone[] = {
    "Sms:a mig på [PHONE]{.|!}",
    "{Skriv|Sms} till [PHONE]{ så hörs vi.|.}",
};
inline constexpr std::string_view kSvSugarContactEmail[] = {
    "Maila [EMAIL]{ så berättar jag mer.|.}",
    "Skriv till mig på [EMAIL]{.|!}",
};
inline constexpr std::string_view kSvSugarContactBoth[] = {
    "Sms:a [PHONE] eller maila [EMAIL].",
};
inline constexpr std::string_view kSvSugarContactNone[] = {
    "Skriv här{ eller på snap: [SNAP]| eller lägg till mig på kik: [SNAP]|} så hörs vi.",
    "Snapchat: [SNAP]",
};

inline constexpr std::string_view kSvSugarClose[] = {
    "{Kram|Puss}{!| från [NAME]}",
    "Hoppas vi hörs{!| snart!}",
};

inline constexpr std::string_view kSvSugarTitle[] = {
    "[NAME] söker sugardaddy", "Student [AGE] år söker mentor", "Söt tjej i [CITY]",
    "[NAME], [AGE] år", "Ny här",
};

// ---------------------------------------------------------------------------------------------
// Sugar-dating profiles, English.

inline constexpr std::string_view kEnSugarOpen[] = {
    "Hi{!| there!| sugar daddies!| and thanks for looking!}",
    "Hello{!| you!}",
    "{New here|New on the site|First time here}{!| and a bit nervous.| and curious!}",
};

inline constexpr std::string_view kEnSugarIntroAge[] = {
    "My name is [NAME] and I'm [AGE]{.|!}",
    "[NAME], [AGE]yo {student|girl|dreamer} from {a small town|the north|abroad}.",
    "I am a {happy|honest|ambitious|social} student, [AGE] years old.",
    "Age: [AGE]. {I live alone.|I study.|I work part time.}",
    "I'm [NAME], a [AGE] year old {girl|student|dreamer} who {knows what she wants|likes the good things in life|wants to experience more}.",
};

inline constexpr std::string_view kEnSugarIntroYoung[] = {
    "I'm [NAME], just turned [AGE] and {new to this|very curious}.",
};

inline constexpr std::string_view kEnSugarIntroPlain[] = {
    "My name is [NAME] and {I'm new here|I want to get to know you|I'm a bit shy at first}.",
    "I'm [NAME]{, nice to meet you!|.}",
};

inline constexpr std::string_view kEnSugarAbout[] = {
    "I study {economics|law|nursing|at the university|design} in [CITY]{ and work part time in a shop.| and live in a small flat.|.}",
    "I live in [CITY] and {study|work part time|look for a job}{, life is expensive right now.|.}",
    "I'm from [CITY] and {dream of travelling|want to be spoiled|like nice things}.",
};

inline constexpr std::string_view kEnSugarSeeking[] = {
    "Looking for a {generous|caring|kind|mature} {sugar daddy|gentleman|older man} who can {help me with the rent|spoil me|give me some extra income}.",
    "I want a {mutual|discreet|long term} arrangement{ where we both feel good.| with a man who knows what he wants.|.}",
    "{You|My dream man} {are|is} {successful and generous|calm and safe|fun and caring}{ and a bit older.|.}",
};

inline constexpr std::string_view kEnSugarMoney[] = {
    "{Allowance|Monthly support} {around|about|at least} [MONEY] kr {a month|per month|/month}.",
    "I'm thinking [MONEY] kr {a month|per month}{, we can talk about it.|.}",
};

inline constexpr std::string_view kEnSugarHobbies[] = {
    "In my free time I {work out|read|love to travel|go shopping}{ and meet friends.| and cook.|.}",
    "I love {nice dinners|travelling|spa days|shopping} and {good food|champagne|dressing up}.",
    "{Gym|Yoga|Dance|Riding} is {my thing|what I do most|my passion}.",
};

inline constexpr std::string_view kEnSugarPersonality[] = {
    "I am {happy, social and honest|calm but adventurous|ambitious and curious|a bit shy at first but then very chatty} and {like to have a good time|want to learn new things|appreciate nice moments}.",
    "My friends describe me as {caring and funny|loyal and positive|spontaneous and happy}{, and I think they are right.|.}",
    "I {dream of travelling to Paris|would love to go to fancy restaurants|would love a weekend in London}{ with the right person.|.}",
};
inline constexpr std::string_view kEnSugarExpectations[] = {
    "I am looking for {respect, honesty and discretion|someone who likes to give and receive|a safe and generous friend}{, nothing else.| and I can give that back.|.}",
    "{We can meet|Happy to meet} {a couple of times a month|on weekends|when it suits us both} for {dinner and company|a cosy time|getting to know each other}.",
};

inline constexpr std::string_view kEnSugarContactPhone[] = {
    "Text me on [PHONE]{.|!}",
    "{Write|Sms} to [PHONE]{ and we talk.|.}",
};
inline constexpr std::string_view kEnSugarContactEmail[] = {
    "Email [EMAIL]{ and I tell you more.|.}",
    "Write to me at [EMAIL]{.|!}",
};
inline constexpr std::string_view kEnSugarContactBoth[] = {
    "Text [PHONE] or email [EMAIL].",
};
inline constexpr std::string_view kEnSugarContactNone[] = {
    "Write here{ or on snap: [SNAP]| or add me on kik: [SNAP]|} and we talk.",
    "Snapchat: [SNAP]",
};

inline constexpr std::string_view kEnSugarClose[] = {
    "{Hugs|Kisses}{!| from [NAME]}",
    "Hope to hear from you{!| soon!}",
};

inline constexpr std::string_view kEnSugarTitle[] = {
    "[NAME] looking for a sugar daddy", "Student, [AGE]yo", "Sweet girl in [CITY]",
    "[NAME], [AGE] y/o", "New here",
};

// ---------------------------------------------------------------------------------------------
// Names and words.

inline constexpr std::string_view kFirstNames[] = {
    "Anna",    "Bella",   "Sofia",   "Lisa",    "Emma",    "Maja",   "Elsa",    "Alva",
    "Ella",    "Julia",   "Sandra",  "Jessica", "Natalie", "Vanessa", "Alexa",  "Mia",
    "Lina",    "Sara",    "Linnea",  "Moa",     "Ida",     "Wilma",  "Olivia",  "Amanda",
    "Victoria", "Nikki",  "Angel",   "Diana",   "Monica",  "Camila", "Isabella", "Luna",
    "Jasmine", "Kitty",   "Candy",   "Roxy",    "Lola",    "Ruby",   "Daria",   "Irina",
    "Oksana",  "Natasha", "Ioana",   "Andreea", "Bianca",  "Gabriela", "Larisa", "Alina",
    "Ewa",     "Kasia",   "Magda",   "Paula",   "Fernanda", "Lucia", "Yasmin",  "Mai",
    "Lin",     "Ploy",    "Åsa",     "Chloé",   "Tilde",   "Hanna",  "Rebecka", "Josefin",
};

// Words of a Snapchat or Kik name.
inline constexpr std::string_view kSnapWords[] = {"sweet", "baby", "honey", "angel", "kitty",
                                                 "sugar", "cutie", "dream", "star", "love"};

inline constexpr std::string_view kEmailDomains[] = {
    "gmail.com", "hotmail.com", "hotmail.se", "outlook.com", "yahoo.com",
    "live.se",   "icloud.com",  "protonmail.com"};

inline constexpr std::string_view kEmailWords[] = {"", "", ".escort", "_vip", ".sthlm",
                                                  ".love", "_sweet", ".kiss"};

// One-word changes that keep the extractors' contexts ("år", "tjej", numbers) intact: a
// copy of a template, or a later observation of an ad, edits a word or two.
struct WordEdit {
  std::string_view from, to;
};
inline constexpr WordEdit kSvEdits[] = {
    {"söt", "gullig"},       {"glad", "trevlig"},     {"träffa", "möta"},
    {"lägenhet", "våning"},  {"diskret", "lugn"},     {"snabbt", "fort"},
    {"gärna", "jättegärna"}, {"härliga", "underbara"}, {"välkommen", "varmt välkommen"},
    {"Hej", "Hejsan"},       {"mysa", "gosa"},        {"sällskap", "umgänge"},
};
inline constexpr WordEdit kEnEdits[] = {
    {"sweet", "cute"},        {"meet", "see"},           {"apartment", "flat"},
    {"discreet", "private"},  {"happy", "cheerful"},     {"love", "adore"},
    {"welcome", "very welcome"}, {"Hi", "Hey"},          {"fast", "quickly"},
    {"company", "companionship"}, {"nice", "lovely"},    {"new", "brand new"},
};

inline constexpr std::string_view kSvUpdates[] = {"NY! ", "Uppdaterad: ", "🔥 ", "Åter i stan! ",
                                                  "Sista dagarna! "};
inline constexpr std::string_view kEnUpdates[] = {"NEW! ", "Updated: ", "🔥 ", "Back in town! ",
                                                  "Last days! "};

}  // namespace sv::ads::detail
