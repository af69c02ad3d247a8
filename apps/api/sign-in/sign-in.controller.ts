import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../../../libs/config/app-config';
import { Public } from '../../../libs/auth/public.decorator';
import { ApiRequest } from '../../../libs/auth/api-request';
import { ROLES } from '../../../libs/auth/principal';
import { Operation } from '../../../libs/http/contract/operation.decorator';
import { named } from '../../../libs/http/contract/named-schemas';
import { OneOf, Shape, Static, Type } from '../../../libs/http/contract/schema-types';

export const DEV_SIGN_IN_OFFERED = Symbol('DEV_SIGN_IN_OFFERED');

const SignInMethod = named(
  'SignInMethod',
  Shape({
    method: OneOf(['oidc', 'development', 'token'], {
      description: 'oidc: über den Identitätsanbieter; development: Demo-Nutzer (GET /dev/users); token: nur mit selbst ausgestelltem Token',
    }),
    issuer: Type.Optional(Type.String({ description: 'Der Identitätsanbieter (OpenID Connect), nur bei oidc' })),
    clientId: Type.Optional(Type.String({ description: 'Der öffentliche Client der Web-Anwendung, nur bei oidc' })),
    scope: Type.Optional(Type.String({ description: 'Die erbetenen Scopes, nur bei oidc' })),
  }),
  'Wie sich die Web-Anwendung anmeldet',
);

const SignedInUser = named(
  'SignedInUser',
  Shape({
    userId: Type.String({ description: 'Die Kennung des Nutzers beim Identitätsanbieter (sub)' }),
    tenant: Type.String({ description: 'Der Mandant (das Jugendamt)' }),
    roles: Type.Array(OneOf(ROLES), { description: 'Die Rollen, die die API aus dem Token liest' }),
    provider: Type.Optional(Type.String({ description: 'Der Träger eines Nutzers mit der Rolle provider' })),
    name: Type.Optional(Type.String({ description: 'Der Anzeigename aus dem Token' })),
  }),
  'Wer angemeldet ist, so wie die API das Token versteht',
);

/**
 * What the web app needs to sign in before it has a token: the identity provider and its public
 * client (authorization code flow with PKCE), or that this is a development installation.
 */
@ApiTags('Anmeldung')
@Controller()
export class SignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DEV_SIGN_IN_OFFERED) private readonly devSignIn: boolean,
  ) {}

  @Public()
  @Get('sign-in')
  @Operation({
    summary: 'Anmeldeverfahren der Web-Anwendung',
    description:
      'Öffentlich, ohne Token. Im Betrieb: Aussteller und Client-ID für die Anmeldung mit Autorisierungscode und PKCE beim Identitätsanbieter. ' +
      'In der Entwicklung: development, wenn GET /dev/users die Demo-Nutzer anbietet, sonst token.',
    answer: { status: 200, schema: SignInMethod },
  })
  method(): Static<typeof SignInMethod> {
    const auth = this.config.auth;
    if (auth.mode === 'oidc') return { method: 'oidc', issuer: auth.issuer, clientId: auth.webClientId, scope: auth.webScope };
    return { method: this.devSignIn ? 'development' : 'token' };
  }

  /**
   * The web app shows who is signed in and offers only what the roles may do; it asks the API
   * rather than reading the token, whose claims differ between identity providers.
   */
  @Get('me')
  @Operation({
    summary: 'Die angemeldete Person',
    description: 'Kennung, Mandant, Rollen, Träger und Name der Person, der das Token gehört, wie die API sie für jede Berechtigung liest.',
    answer: { status: 200, schema: SignedInUser },
  })
  me(@Req() request: ApiRequest): Static<typeof SignedInUser> {
    const principal = request.principal!;
    return {
      userId: principal.userId,
      tenant: principal.tenantId,
      roles: principal.roles,
      ...(principal.providerId ? { provider: principal.providerId } : {}),
      ...(principal.name ? { name: principal.name } : {}),
    };
  }
}
