import {
  decodeSaslAuthenticateRequest,
  encodeSaslAuthenticateResponse,
} from '../protocol/apis/sasl-authenticate';
import {
  decodeSaslHandshakeRequest,
  encodeSaslHandshakeResponse,
} from '../protocol/apis/sasl-handshake';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHandler } from './broker-context';

// Before authentication the SASL listener's connection answers these itself
// (SaslAuthenticator); here is what Kafka answers on a plain listener or once
// authenticated: ILLEGAL_SASL_STATE.

export const handleSaslHandshake: RequestHandler = async (_broker, body) => {
  decodeSaslHandshakeRequest(body);
  return encodeSaslHandshakeResponse(ErrorCode.ILLEGAL_SASL_STATE, []);
};

export const handleSaslAuthenticate: RequestHandler = async (_broker, body, { header }) => {
  decodeSaslAuthenticateRequest(body);
  return encodeSaslAuthenticateResponse(header.apiVersion, {
    errorCode: ErrorCode.ILLEGAL_SASL_STATE,
    errorMessage: 'SaslAuthenticate request received after successful authentication',
    authBytes: Buffer.alloc(0),
  });
};
