export * from './transport.h5'
