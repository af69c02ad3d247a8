import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { AUTH_PROBLEMS } from '../../libs/auth/auth-problems';
import { yearOf } from '../../libs/calendar';
import { Handled } from '../../libs/ddd/aggregate-store';
import { CommandContext } from '../../libs/ddd/command-context';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { PatternPipe } from '../../libs/http/param-pipes';
import { text } from '../../libs/text/text';
import { CASE_REF_PATTERN, CASE_REF_TEXT } from '../shared/identifiers';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { CASE_PROBLEMS } from './cases.problems';
import { CaseViewWithInvoice } from './cases.schemas';
import { SubmitXRechnungCommand } from './commands/case.commands';
import { caseNotFound } from './commands/case-store';
import { CaseState } from './domain/case-state';
import { CaseStreamEvent } from './domain/case.events';
import { MAX_XML_LENGTH } from './domain/xrechnung/xml-reader';
import { caseView } from './queries/case-view';

/** The media types an XRechnung is sent with. */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'];

/**
 * Reads `application/xml` and `text/xml` bodies as text, for the XRechnung intake only to parse
 * (safely, see readXml). To be called next to the JSON parser in registerRequestHardening, whose
 * onRequest hook must then let these media types through.
 */
export function registerXmlBodyParser(fastify: FastifyInstance, bodyLimit = MAX_XML_LENGTH): void {
  fastify.addContentTypeParser(
    XML_MEDIA_TYPES,
    { parseAs: 'string', bodyLimit },
    (_request: unknown, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) =>
      done(null, typeof body === 'string' ? body : body.toString('utf8')),
  );
}

const caseParam = new PatternPipe('caseRef', CASE_REF_PATTERN, CASE_REF_TEXT);
const approvalParam = new PatternPipe(
  'approvalId',
  /^[A-Z]{1,6}-\d{2}-\d{3,5}-B\d{1,4}$/,
  text('muss die Kennung einer Bewilligung wie TW-25-001-B1 sein.', 'must be an approval id such as TW-25-001-B1.'),
);
const P = CASE_PROBLEMS;

/**
 * The XRechnung intake. Not yet part of CasesModule: it needs the XML body parser in
 * libs/http/request-hardening.ts first (the API reads JSON only until then).
 */
@ApiTags('Einzelfallhilfen')
@ApiBearerAuth()
@Controller('cases')
export class XRechnungController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseRef/approvals/:approvalId/invoices/xrechnung')
  @ApiConsumes(...XML_MEDIA_TYPES)
  @ApiBody({ description: 'XRechnung als UBL-2.1-Invoice oder UN/CEFACT CII (CrossIndustryInvoice)', schema: { type: 'string' } })
  @Operation({
    summary: 'Rechnung für einen Leistungsmonat als XRechnung einreichen',
    description:
      'Ein Träger reicht eine XRechnung (EN 16931, UBL 2.1 oder UN/CEFACT CII) für einen Leistungsmonat einer Bewilligung ein. Geprüft werden: wohlgeformtes XML ohne DOCTYPE (keine Entitäten), Spezifikationskennung nach EN 16931 (BT-24), Rechnungsnummer (BT-1), Rechnungsart 380 (BT-3), Währung EUR (BT-5), die Käuferreferenz (BT-10) als die für das Jugendamt eingerichtete Leitweg-ID (mit Prüfziffer), die Bestellnummer (BT-13) als „Fallzeichen/Bewilligung“ (z. B. TW-25-001/TW-25-001-B1), der Verkäufer als der einreichende Träger (Name laut Stammdaten, BT-27, oder Träger-Kennung als Verkäuferkennung, BT-29), ein Leistungszeitraum (BT-73/BT-74) innerhalb eines Kalendermonats, Summe der Positionen = Nettosumme (BT-106) = Gesamtbetrag ohne Umsatzsteuer (BT-109) und die Mengeneinheit (HUR bei Fachleistungsstunden, DAY bei Tagessätzen). Danach gilt dieselbe Entscheidung wie für die Rechnung im JSON-Format (InvoiceSubmitted, R4), und die Nettosumme muss dem Betrag aus der Bewilligung entsprechen. Das Ereignis nennt Rechnungsnummer, Leitweg-ID und den SHA-256 des Dokuments; das Dokument selbst wird daneben unter diesem Hash gespeichert. Eine abgelehnte XRechnung nennt jede nicht erfüllte Prüfung mit ihrem XPath (errors[].field); gespeichert wird dann nichts. Die Prüfung auf sachliche und rechnerische Richtigkeit folgt wie bei jeder Rechnung.',
    answer: { status: 201, schema: CaseViewWithInvoice, location: '/cases/{caseRef}' },
    refusals: [
      P['case-not-found'],
      SHARED_PROBLEMS['fiscal-year-closed'],
      P['approval-not-found'],
      AUTH_PROBLEMS.forbidden,
      P['xrechnung-rejected'],
      P['outside-approved-period'],
      P['service-month-not-begun'],
      P['month-already-invoiced'],
      P['quantity-not-positive'],
      P['days-not-whole'],
      P['invoice-exceeds-approval'],
    ],
  })
  async submit(
    @Ctx() ctx: CommandContext,
    @Param('caseRef', caseParam) caseRef: string,
    @Param('approvalId', approvalParam) approvalId: string,
    @Body() xml: string,
  ): Promise<Static<typeof CaseViewWithInvoice>> {
    const handled: Handled<CaseState, CaseStreamEvent> = await this.commands.execute(
      new SubmitXRechnungCommand(ctx, caseRef, approvalId, typeof xml === 'string' ? xml : ''),
    );
    const submitted = handled.events.find((e) => e.type === 'InvoiceSubmitted');
    if (submitted?.type !== 'InvoiceSubmitted') throw new Error('the decision recorded no invoice');
    if (handled.state.caseRef === null) caseNotFound(caseRef);
    const view = caseView(handled.state, handled.version, yearOf(ctx.businessDate), ctx.providerId ?? '\u0000');
    return { ...view, invoiceId: submitted.data.invoiceId };
  }
}
