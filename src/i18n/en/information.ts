/** Informing the person (Art. 13/14): the notice, the person's panel, the Prüfliste's list. */
import type { information as de } from '../de/information';

export const information = {
  'info.title': 'Information about the processing of your personal data',
  'info.subtitle.direct': 'under Art. 13 GDPR',
  'info.subtitle.elsewhere': 'under Art. 14 GDPR',
  'info.intro.direct':
    'We collected the data we hold about you from you. Under Art. 13 of the General Data Protection Regulation (GDPR) we inform you what happens to this data and what rights you have.',
  'info.intro.elsewhere':
    'We hold data about you that we did not collect from you. Under Art. 14 of the General Data Protection Regulation (GDPR) we inform you what happens to this data and what rights you have.',
  'info.section.controller': 'Who is responsible for the processing',
  'info.controller': 'The controller is {controller}. You can reach us {contact}.',
  'info.dpo': 'Our data protection officer: {dpo}.',
  'info.section.purpose': 'What we process your data for, and on which legal basis',
  'info.purpose': 'Purpose: {purpose}.',
  'info.provision.a': 'Providing your data is voluntary; without your consent we do not process it for this purpose.',
  'info.provision.b':
    'Providing your data is necessary for the contract; without it we cannot enter into or perform it.',
  'info.provision.c': 'Providing your data is required by law; without it we cannot meet that obligation.',
  'info.provision.d': 'You are under no obligation to provide the data.',
  'info.provision.e': 'You are under no obligation to provide the data.',
  'info.provision.f': 'You are under no obligation to provide the data.',
  // Art. 13(1)(d), 14(2)(b): the legitimate interest of a purpose on Art. 6(1)(f).
  'info.interest': 'Our legitimate interest: {interest}.',
  'info.interestMissing': 'Our legitimate interest: not yet stated – to be completed by the controller.',
  'info.purposeNone': 'No purpose has been set yet; until then we do not use your data.',
  'info.section.data': 'Which data we process',
  'info.data': 'Stored about you: {fields}.',
  'info.dataNone': 'Your name and contact details are stored.',
  'info.section.source': 'Where the data comes from',
  'info.source':
    'We did not collect the data from you but took it over – for example from an address list, a business card or colleagues. On request we tell you the source in more detail.',
  'info.sourceImport': 'We did not collect the data from you but took it over on {date} from the file “{file}”.',
  'info.sourceNote': 'About its source we noted: {note}.',
  'info.section.recipients': 'Who receives the data',
  'info.recipients': 'Recipients: {recipients}.',
  'info.recipientsNone': 'We do not pass your data on to any further recipients.',
  'info.processors':
    'Service providers who process your data on our behalf and on our instructions (processors, Art. 28 GDPR): {names}.',
  'info.syncOperator':
    'We keep our records in step between our devices through the server {server}. Its operator processes your data on our behalf (processor); on the server they are stored only encrypted.',
  'info.syncOperatorNamed':
    'We keep our records in step between our devices through the server {server}. It is operated by {name} on our behalf and on our instructions (processor, Art. 28 GDPR); on the server your data are stored only encrypted.',
  'info.syncOperatorContract': 'A processing contract with the operator exists, dated {date}.',
  'info.bookRecipients': 'Further recipients: {names}.',
  'info.transfer':
    'In doing so, your data are transferred to a country outside the European Union and the European Economic Area (third country), namely to: {names}.',
  'info.transfer.adequacy':
    '{recipient}: an adequacy decision of the EU Commission exists for this country (Art. 45 GDPR).',
  'info.transfer.sccs':
    '{recipient}: there is no adequacy decision of the EU Commission for it; the transfer relies on standard contractual clauses of the EU Commission (Art. 46(2)(c) GDPR). You can obtain a copy from us on request.',
  'info.transfer.bcr':
    '{recipient}: there is no adequacy decision of the EU Commission for it; the transfer relies on the recipient’s binding corporate rules (Art. 47 GDPR). You can obtain a copy from us on request.',
  'info.transfer.derogation':
    '{recipient}: there is neither an adequacy decision of the EU Commission nor appropriate safeguards (Art. 46 GDPR) for it; the transfer relies on a derogation for a specific situation (Art. 49 GDPR).',
  'info.transfer.missing':
    '{recipient}: on request we tell you whether an adequacy decision of the EU Commission exists for that country or which appropriate safeguards (Art. 46 GDPR) the transfer relies on, and how to obtain a copy of them.',
  'info.transfer.note': 'In detail: {note}.',
  'info.section.retention': 'How long we keep the data',
  'info.retentionPurpose': 'For this purpose we keep the data for {period}.',
  'info.retentionPurposeNamed': 'For the purpose “{purpose}” we keep the data for {period}.',
  'info.retentionPurposeNamedNone':
    'For the purpose “{purpose}” we keep the data as long as the purpose requires and erase it afterwards.',
  'info.retentionPurposeNone': 'We keep the data as long as the purpose requires and erase it afterwards.',
  'info.retentionRecords':
    'Records of business transactions (such as quotes, orders, correspondence) are kept for {transactions} years under commercial and tax law, accounting records for {accounting} years (§ 257 HGB, § 147 AO), each from the end of the calendar year.',
  'info.section.rights': 'Your rights',
  'info.rights':
    'You have the right of access (Art. 15 GDPR), rectification (Art. 16), erasure (Art. 17), restriction of processing (Art. 18) and data portability (Art. 20). A short message to us is enough.',
  'info.withdraw':
    'You may withdraw a consent at any time with effect for the future (Art. 7(3) GDPR); the lawfulness of the processing until the withdrawal is not affected.',
  'info.object':
    'You may object to the processing at any time on grounds relating to your particular situation (Art. 21 GDPR).',
  'info.complaint': 'You may lodge a complaint with a data protection supervisory authority (Art. 77 GDPR).',
  'info.noAutomatedDecision': 'There is no automated decision-making, including profiling.',
  'ui.information.title': 'Information under Art. 13/14 GDPR',
  'ui.information.informed': 'Informed on {date} ({channel}).',
  'ui.information.notRecorded': 'Not recorded whether the person was informed.',
  'ui.information.direct.due': 'To be informed at collection on {date} (Art. 13) – not yet informed.',
  'ui.information.elsewhere.running': 'To be informed by {date} (Art. 14(3)) – {days} days left.',
  'ui.information.elsewhere.today': 'To be informed by today ({date}) (Art. 14(3)).',
  'ui.information.elsewhere.overdue': 'The period to inform ended on {date} (Art. 14(3)) – {days} days ago.',
  'ui.information.letter': 'Information letter (PDF)',
  'ui.information.email': 'Information as e-mail',
  'ui.information.record': 'Record information',
  'ui.information.recordTitle': 'Record information',
  'ui.information.date': 'Informed on',
  'ui.information.channel': 'Way',
  'ui.information.channel.letter': 'letter',
  'ui.information.channel.email': 'e-mail',
  'ui.information.channel.inPerson': 'in person',
  'ui.information.channel.other': 'another way',
  'ui.information.recorded': 'Information recorded.',
  'ui.information.letterIssued': '{file} was downloaded.',
  'ui.information.file': 'privacy-information',
  'ui.information.emailTitle': 'Information as e-mail',
  'ui.information.emailHint':
    'Copy subject and text and send them with your e-mail program; then “Record information”.',
  'ui.information.subject': 'Subject',
  'ui.information.body': 'Text',
  'ui.information.copy': 'Copy text',
  'ui.information.copied': 'Text copied.',
  'ui.information.close': 'Close',
  'ui.information.noAddress':
    'No postal address (street and place): the letter cannot be sent — hand it over in person or inform by e-mail.',
  'ui.information.noController': 'The letter needs the controller (Settings).',
  'ui.worklist.tab.notInformed': 'Not informed (Art. 13/14)',
  'ui.worklist.explain.notInformed':
    'Natural persons not yet informed about the processing of their data: at collection (Art. 13) or, when the data came from elsewhere (such as an import), within one month at the latest (Art. 14(3)). Listed when the period ends within 7 days or has ended.',
  'ui.worklist.empty.notInformed': 'No period to inform is running out – nothing to do.',
} satisfies Record<keyof typeof de, string>;
